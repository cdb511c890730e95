package dev.newsflow.streams.text;

import java.util.Arrays;

/**
 * An Aho-Corasick automaton over folded characters: one pass over a text finds every occurrence of
 * every phrase, however many phrases there are. Transitions out of the root are a direct table (most
 * characters of a text are read there); the others live in one open-addressing hash table keyed by
 * state and character, so neither building nor matching allocates per phrase or per character.
 *
 * <p>Phrases are given already folded ({@link TextNormalizer#fold}); a phrase that must match whole
 * words carries {@link TextNormalizer#SEP} at its ends. Immutable once built; safe to share between threads.
 */
public final class PhraseAutomaton {
  private final int[] rootNext;
  /** Open addressing, key (state << 16 | char) and target state side by side: one cache line per probe. */
  private final long[] table;
  private final int mask;
  private final int shift;
  private final int[] fail;
  /** For each state, the first state on its output chain (itself when it ends a phrase), or 0. */
  private final int[] firstOutput;
  private final int[] nextOutput;
  private final int[] phraseOf;
  private final int[] phraseLength;
  private final int states;

  private PhraseAutomaton(Builder b) {
    this.rootNext = b.rootNext;
    this.states = b.states;
    this.fail = new int[states];
    this.firstOutput = new int[states];
    this.nextOutput = new int[states];
    this.phraseOf = Arrays.copyOf(b.phraseOf, states);
    this.phraseLength = Arrays.copyOf(b.phraseLength, b.phrases);
    this.table = new long[b.keys.length * 2];
    for (int i = 0; i < b.keys.length; i++) {
      table[2 * i] = b.keys[i];
      table[2 * i + 1] = b.values[i];
    }
    this.mask = b.keys.length - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(b.keys.length);
    linkFailures(b);
  }

  public static Builder builder() {
    return new Builder(1024);
  }

  /** A builder sized for about {@code expectedStates} states (the total length of the phrases), to spare regrowth. */
  public static Builder builder(int expectedStates) {
    return new Builder(expectedStates);
  }

  /** How many states the automaton has (a measure of its size). */
  public int size() {
    return states;
  }

  /** The folded length of a phrase. */
  public int phraseLength(int phrase) {
    return phraseLength[phrase];
  }

  /**
   * Finds every phrase occurring in {@code text[from, to)}, overlapping ones included, and adds each
   * to {@code out} as (phrase id, end position exclusive), in order of end position.
   */
  public void match(char[] text, int from, int to, Matches out) {
    int s = 0;
    for (int i = from; i < to; i++) {
      char c = text[i];
      int next;
      while (true) {
        if (s == 0) {
          next = rootNext[c];
          break;
        }
        next = get(s, c);
        if (next != 0) {
          break;
        }
        s = fail[s];
      }
      s = next;
      for (int o = firstOutput[s]; o != 0; o = nextOutput[o]) {
        out.add(phraseOf[o], i + 1);
      }
    }
  }

  private int get(int state, char c) {
    long key = ((long) state << 16) | c;
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      long k = table[2 * i];
      if (k == key) {
        return (int) table[2 * i + 1];
      }
      if (k == 0) {
        return 0;
      }
      i = (i + 1) & mask;
    }
  }

  /** Breadth first, so that every state's failure target (shallower) is linked before the state itself. */
  private void linkFailures(Builder b) {
    int[] queue = new int[states];
    int head = 0;
    int tail = 0;
    for (int child = b.firstChild[0]; child != 0; child = b.nextSibling[child]) {
      queue[tail++] = child;
    }
    while (head < tail) {
      int r = queue[head++];
      firstOutput[r] = phraseOf[r] >= 0 ? r : firstOutput[fail[r]];
      nextOutput[r] = phraseOf[r] >= 0 ? firstOutput[fail[r]] : 0;
      for (int t = b.firstChild[r]; t != 0; t = b.nextSibling[t]) {
        char c = b.edge[t];
        int f = fail[r];
        int g;
        while (true) {
          g = f == 0 ? rootNext[c] : get(f, c);
          if (g != 0 || f == 0) {
            break;
          }
          f = fail[f];
        }
        fail[t] = g;
        queue[tail++] = t;
      }
    }
  }

  /** Collects phrases and builds the automaton. Adding the same phrase twice gives the same id. */
  public static final class Builder {
    private final int[] rootNext = new int[65536];
    private long[] keys;
    private int[] values;
    private int used;
    private char[] edge;
    private int[] firstChild;
    private int[] nextSibling;
    private int[] phraseOf;
    private int[] phraseLength = new int[256];
    private int states = 1;
    private int phrases;

    private Builder(int expectedStates) {
      int size = Math.max(1024, expectedStates);
      int slots = Integer.highestOneBit(Math.max(4096, size * 2 - 1)) << 1;
      keys = new long[slots];
      values = new int[slots];
      edge = new char[size];
      firstChild = new int[size];
      nextSibling = new int[size];
      phraseOf = new int[size];
      phraseOf[0] = -1;
    }

    /** Adds a folded phrase and returns its id (ids are dense, from 0). */
    public int add(CharSequence phrase) {
      if (phrase.length() == 0) {
        throw new IllegalArgumentException("empty phrase");
      }
      int s = 0;
      for (int i = 0; i < phrase.length(); i++) {
        char c = phrase.charAt(i);
        int next = s == 0 ? rootNext[c] : get(s, c);
        if (next == 0) {
          next = newState(s, c);
          if (s == 0) {
            rootNext[c] = next;
          } else {
            put(s, c, next);
          }
        }
        s = next;
      }
      if (phraseOf[s] < 0) {
        if (phrases == phraseLength.length) {
          phraseLength = Arrays.copyOf(phraseLength, phrases * 2);
        }
        phraseLength[phrases] = phrase.length();
        phraseOf[s] = phrases++;
      }
      return phraseOf[s];
    }

    public int phrases() {
      return phrases;
    }

    public PhraseAutomaton build() {
      return new PhraseAutomaton(this);
    }

    private int newState(int from, char c) {
      if (states == edge.length) {
        int n = states * 2;
        edge = Arrays.copyOf(edge, n);
        firstChild = Arrays.copyOf(firstChild, n);
        nextSibling = Arrays.copyOf(nextSibling, n);
        phraseOf = Arrays.copyOf(phraseOf, n);
      }
      int s = states++;
      edge[s] = c;
      phraseOf[s] = -1;
      nextSibling[s] = firstChild[from];
      firstChild[from] = s;
      return s;
    }

    private int get(int state, char c) {
      long key = ((long) state << 16) | c;
      int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
      while (true) {
        long k = keys[i];
        if (k == key) {
          return values[i];
        }
        if (k == 0) {
          return 0;
        }
        i = (i + 1) & (keys.length - 1);
      }
    }

    private void put(int state, char c, int target) {
      if (2 * (used + 1) > keys.length) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
          if (oldKeys[i] != 0) {
            insert(oldKeys[i], oldValues[i]);
          }
        }
      }
      insert(((long) state << 16) | c, target);
    }

    private void insert(long key, int target) {
      int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(keys.length)));
      while (keys[i] != 0) {
        i = (i + 1) & (keys.length - 1);
      }
      keys[i] = key;
      values[i] = target;
      used++;
    }
  }

  /** A reusable list of matches: (phrase id, end position) pairs. */
  public static final class Matches {
    private int[] phrase = new int[64];
    private int[] end = new int[64];
    private int size;

    void add(int phraseId, int endExclusive) {
      if (size == phrase.length) {
        phrase = Arrays.copyOf(phrase, size * 2);
        end = Arrays.copyOf(end, size * 2);
      }
      phrase[size] = phraseId;
      end[size++] = endExclusive;
    }

    public int size() {
      return size;
    }

    public int phrase(int i) {
      return phrase[i];
    }

    public int end(int i) {
      return end[i];
    }

    public void clear() {
      size = 0;
    }
  }
}
