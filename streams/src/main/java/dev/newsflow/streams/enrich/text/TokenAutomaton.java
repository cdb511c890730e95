package dev.newsflow.streams.enrich.text;

import java.util.Arrays;

/**
 * An Aho-Corasick automaton over tokens of folded text: a Latin word (a run of letters and digits) or
 * a single CJK character. A phrase matches only whole tokens, which is exactly "whole words" for Latin
 * script and "anywhere" for CJK. Reading by tokens instead of characters takes one vocabulary lookup
 * per word, and a word that no phrase contains (most words of a text) sends the automaton straight back
 * to its root, so long texts are read in few steps whatever the number of phrases.
 *
 * <p>Immutable once built; safe to share between threads.
 */
public final class TokenAutomaton {
  private static final long SEED = Tokens.SEED;

  // Vocabulary: token hash → token id, with the token's characters to confirm a hit.
  private final long[] vocabHash;
  private final int[] vocabId;
  private final char[][] vocabText;
  private final int vocabMask;
  /** One bit per (hashed) vocabulary token: most words of a text are turned away here, in cache. */
  private final long[] filter;

  private final int[] rootNext;
  private final long[] table;
  private final int mask;
  private final int shift;
  private final int[] fail;
  private final int[] firstOutput;
  private final int[] nextOutput;
  private final int[] phraseOf;
  private final int[] phraseTokens;
  private final int maxTokens;
  private final int states;

  private TokenAutomaton(Builder b) {
    this.vocabHash = b.vocabHash;
    this.vocabId = b.vocabId;
    this.vocabText = b.vocabText;
    this.vocabMask = b.vocabHash.length - 1;
    this.filter = new long[FILTER_WORDS];
    for (int i = 0; i < b.vocabHash.length; i++) {
      if (b.vocabId[i] >= 0) {
        int bit = filterBit(b.vocabHash[i]);
        filter[bit >>> 6] |= 1L << bit;
      }
    }
    this.states = b.states;
    this.rootNext = Arrays.copyOf(b.rootNext, b.tokens);
    this.table = new long[b.keys.length * 2];
    for (int i = 0; i < b.keys.length; i++) {
      table[2 * i] = b.keys[i];
      table[2 * i + 1] = b.values[i];
    }
    this.mask = b.keys.length - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(b.keys.length);
    this.fail = new int[states];
    this.firstOutput = new int[states];
    this.nextOutput = new int[states];
    this.phraseOf = Arrays.copyOf(b.phraseOf, states);
    this.phraseTokens = Arrays.copyOf(b.phraseTokens, b.phrases);
    this.maxTokens = b.maxTokens;
    linkFailures(b);
  }

  public static Builder builder(int expectedStates) {
    return new Builder(expectedStates);
  }

  /** Distinct phrases. */
  public int phrases() {
    return phraseTokens.length;
  }

  /** Trie states: a measure of size. */
  public int size() {
    return states;
  }

  /** Finds every phrase among {@code tokens}, overlapping ones included, in order of end. */
  public void match(Tokens tokens, Matches out) {
    char[] text = tokens.text();
    int n = tokens.size();
    int s = 0;
    for (int t = 0; t < n; t++) {
      int token = lookup(tokens.hash(t), text, tokens.start(t), tokens.end(t));
      if (token < 0) {
        s = 0; // no phrase holds this token: nothing in progress survives it
        continue;
      }
      int next;
      while (true) {
        if (s == 0) {
          next = rootNext[token];
          break;
        }
        next = get(s, token);
        if (next != 0) {
          break;
        }
        s = fail[s];
      }
      s = next;
      for (int o = firstOutput[s]; o != 0; o = nextOutput[o]) {
        int phrase = phraseOf[o];
        out.add(phrase, tokens.start(t - phraseTokens[phrase] + 1), tokens.end(t));
      }
    }
  }

  private static final int FILTER_BITS = 20;
  private static final int FILTER_WORDS = 1 << (FILTER_BITS - 6);

  private static int filterBit(long hash) {
    return (int) ((hash * 0xC2B2AE3D27D4EB4FL) >>> (64 - FILTER_BITS));
  }

  private int lookup(long hash, char[] text, int from, int to) {
    int bit = filterBit(hash);
    if ((filter[bit >>> 6] & (1L << bit)) == 0) {
      return -1;
    }
    int slot = (int) (mixHash(hash) & vocabMask);
    while (true) {
      int id = vocabId[slot];
      if (id < 0) {
        return -1;
      }
      if (vocabHash[slot] == hash && sameChars(vocabText[slot], text, from, to)) {
        return id;
      }
      slot = (slot + 1) & vocabMask;
    }
  }

  private static boolean sameChars(char[] token, char[] text, int from, int to) {
    if (token.length != to - from) {
      return false;
    }
    for (int j = 0; j < token.length; j++) {
      if (token[j] != text[from + j]) {
        return false;
      }
    }
    return true;
  }

  private static long mixHash(long h) {
    h ^= h >>> 31;
    h *= 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  private int get(int state, int token) {
    long key = ((long) state << 32) | token;
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
        int token = b.edge[t];
        int f = fail[r];
        int g;
        while (true) {
          g = f == 0 ? rootNext[token] : get(f, token);
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

  /** Collects folded phrases; adding the same phrase twice gives the same id. */
  public static final class Builder {
    private long[] vocabHash = new long[1 << 12];
    private int[] vocabId;
    private char[][] vocabText = new char[1 << 12][];
    private int tokens;
    private int[] rootNext = new int[1024];
    private long[] keys;
    private int[] values;
    private int used;
    private int[] edge;
    private int[] firstChild;
    private int[] nextSibling;
    private int[] phraseOf;
    private int[] phraseTokens = new int[256];
    private int states = 1;
    private int phrases;
    private int maxTokens;
    private final int[] tokenBuffer = new int[256];

    private Builder(int expectedStates) {
      int size = Math.max(1024, expectedStates);
      int slots = Integer.highestOneBit(Math.max(4096, size * 2 - 1)) << 1;
      keys = new long[slots];
      values = new int[slots];
      edge = new int[size];
      firstChild = new int[size];
      nextSibling = new int[size];
      phraseOf = new int[size];
      phraseOf[0] = -1;
      int vocab = Integer.highestOneBit(Math.max(4096, size - 1)) << 1;
      vocabHash = new long[vocab];
      vocabId = new int[vocab];
      Arrays.fill(vocabId, -1);
      vocabText = new char[vocab][];
    }

    /** Adds a folded phrase and returns its id; -1 when it holds no token or too many (over 256). */
    public int add(String folded) {
      int n = 0;
      int i = 0;
      int len = folded.length();
      while (i < len) {
        char c = folded.charAt(i);
        byte k = TextNormalizer.classOf(c);
        if (k == TextNormalizer.SEPARATOR) {
          i++;
          continue;
        }
        int start = i;
        if (k == TextNormalizer.CJK) {
          i++;
        } else {
          while (i < len && TextNormalizer.classOf(folded.charAt(i)) == TextNormalizer.WORD) {
            i++;
          }
        }
        if (n == tokenBuffer.length) {
          return -1;
        }
        tokenBuffer[n++] = token(folded, start, i);
      }
      if (n == 0) {
        return -1;
      }
      int s = 0;
      for (int t = 0; t < n; t++) {
        int token = tokenBuffer[t];
        int next = s == 0 ? rootNext[token] : get(s, token);
        if (next == 0) {
          next = newState(s, token);
          if (s == 0) {
            rootNext[token] = next;
          } else {
            put(s, token, next);
          }
        }
        s = next;
      }
      if (phraseOf[s] < 0) {
        if (phrases == phraseTokens.length) {
          phraseTokens = Arrays.copyOf(phraseTokens, phrases * 2);
        }
        phraseTokens[phrases] = n;
        maxTokens = Math.max(maxTokens, n);
        phraseOf[s] = phrases++;
      }
      return phraseOf[s];
    }

    public int phrases() {
      return phrases;
    }

    public TokenAutomaton build() {
      return new TokenAutomaton(this);
    }

    private int token(String s, int from, int to) {
      long h = SEED;
      for (int i = from; i < to; i++) {
        h = Tokens.step(h, s.charAt(i));
      }
      int slot = (int) (mixHash(h) & (vocabHash.length - 1));
      while (vocabId[slot] >= 0) {
        if (vocabHash[slot] == h && vocabText[slot].length == to - from && s.regionMatches(from,
            new String(vocabText[slot]), 0, to - from)) {
          return vocabId[slot];
        }
        slot = (slot + 1) & (vocabHash.length - 1);
      }
      if (2 * (tokens + 1) > vocabHash.length) {
        growVocabulary();
        return token(s, from, to);
      }
      vocabHash[slot] = h;
      vocabId[slot] = tokens;
      vocabText[slot] = s.substring(from, to).toCharArray();
      if (tokens == rootNext.length) {
        rootNext = Arrays.copyOf(rootNext, tokens * 2);
      }
      return tokens++;
    }

    private void growVocabulary() {
      long[] oldHash = vocabHash;
      int[] oldId = vocabId;
      char[][] oldText = vocabText;
      vocabHash = new long[oldHash.length * 2];
      vocabId = new int[oldHash.length * 2];
      Arrays.fill(vocabId, -1);
      vocabText = new char[oldHash.length * 2][];
      for (int i = 0; i < oldHash.length; i++) {
        if (oldId[i] >= 0) {
          int slot = (int) (mixHash(oldHash[i]) & (vocabHash.length - 1));
          while (vocabId[slot] >= 0) {
            slot = (slot + 1) & (vocabHash.length - 1);
          }
          vocabHash[slot] = oldHash[i];
          vocabId[slot] = oldId[i];
          vocabText[slot] = oldText[i];
        }
      }
    }

    private int newState(int from, int token) {
      if (states == edge.length) {
        int n = states * 2;
        edge = Arrays.copyOf(edge, n);
        firstChild = Arrays.copyOf(firstChild, n);
        nextSibling = Arrays.copyOf(nextSibling, n);
        phraseOf = Arrays.copyOf(phraseOf, n);
      }
      int s = states++;
      edge[s] = token;
      phraseOf[s] = -1;
      nextSibling[s] = firstChild[from];
      firstChild[from] = s;
      return s;
    }

    private int get(int state, int token) {
      long key = ((long) state << 32) | token;
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

    private void put(int state, int token, int target) {
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
      insert(((long) state << 32) | token, target);
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

  /** A reusable list of matches: phrase id, folded start, folded end (exclusive). */
  public static final class Matches {
    private int[] phrase = new int[64];
    private int[] start = new int[64];
    private int[] end = new int[64];
    private int size;

    void add(int phraseId, int from, int to) {
      if (size == phrase.length) {
        phrase = Arrays.copyOf(phrase, size * 2);
        start = Arrays.copyOf(start, size * 2);
        end = Arrays.copyOf(end, size * 2);
      }
      phrase[size] = phraseId;
      start[size] = from;
      end[size++] = to;
    }

    public int size() {
      return size;
    }

    public int phrase(int i) {
      return phrase[i];
    }

    public int start(int i) {
      return start[i];
    }

    public int end(int i) {
      return end[i];
    }

    public void clear() {
      size = 0;
    }
  }
}
