package dev.newsflow.streams.lexicon;

import dev.newsflow.streams.text.ArticleText;
import dev.newsflow.streams.text.NormalizedText;
import dev.newsflow.streams.text.PhraseAutomaton;
import dev.newsflow.streams.text.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned list of weighted terms, each with a label (a topic, a section, a polarity), matched in
 * one automaton pass over an article's folded text: Latin terms as whole words, CJK terms anywhere,
 * overlapping terms resolved leftmost-longest ("不错" is one positive term, not "不" and "错").
 *
 * <p>Resource format, one line per label: {@code label<TAB>weight<TAB>term|term|...}; {@code #} starts
 * a comment and {@code # version: NAME} names the version. A term may end in {@code *} to match any
 * word that starts with it.
 */
public final class Lexicon {
  private final String version;
  private final List<String> labels;
  private final PhraseAutomaton automaton;
  private final int[] termLabel;
  private final double[] termWeight;
  private final String[] termText;
  private final String[] termPhrase;

  private Lexicon(String version, List<String> labels, PhraseAutomaton automaton, int[] termLabel,
      double[] termWeight, String[] termText, String[] termPhrase) {
    this.version = version;
    this.labels = labels;
    this.automaton = automaton;
    this.termLabel = termLabel;
    this.termWeight = termWeight;
    this.termText = termText;
    this.termPhrase = termPhrase;
  }

  /** Loads a lexicon from a classpath resource next to {@code anchor}. */
  public static Lexicon load(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Lexicon parse(BufferedReader r, String name) throws IOException {
    String version = null;
    Map<String, Integer> labelIds = new LinkedHashMap<>();
    PhraseAutomaton.Builder builder = PhraseAutomaton.builder();
    List<Integer> labelOf = new ArrayList<>();
    List<Double> weightOf = new ArrayList<>();
    List<String> textOf = new ArrayList<>();
    List<String> phraseOf = new ArrayList<>();
    int lineNo = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lineNo++;
      String l = line.strip();
      if (l.startsWith("# version:")) {
        version = l.substring("# version:".length()).strip();
        continue;
      }
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length != 3) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": want label<TAB>weight<TAB>terms");
      }
      int label = labelIds.computeIfAbsent(parts[0].strip(), k -> labelIds.size());
      double weight = Double.parseDouble(parts[1].strip());
      for (String term : parts[2].split("\\|")) {
        String t = term.strip();
        if (t.isEmpty()) {
          continue;
        }
        boolean prefix = t.endsWith("*");
        String folded = TextNormalizer.fold(prefix ? t.substring(0, t.length() - 1) : t);
        if (folded.isEmpty()) {
          continue;
        }
        String phrase = prefix ? " " + folded : pad(folded);
        int id = builder.add(phrase);
        if (id < labelOf.size()) {
          continue; // the same term listed twice keeps its first label
        }
        labelOf.add(label);
        weightOf.add(weight);
        textOf.add(folded);
        phraseOf.add(phrase);
      }
    }
    if (version == null) {
      throw new IllegalArgumentException(name + ": no '# version:' line");
    }
    return new Lexicon(version, List.copyOf(labelIds.keySet()), builder.build(),
        labelOf.stream().mapToInt(Integer::intValue).toArray(), weightOf.stream().mapToDouble(Double::doubleValue).toArray(),
        textOf.toArray(String[]::new), phraseOf.toArray(String[]::new));
  }

  private static String pad(String folded) {
    boolean left = TextNormalizer.classOf(folded.charAt(0)) == TextNormalizer.WORD;
    boolean right = TextNormalizer.classOf(folded.charAt(folded.length() - 1)) == TextNormalizer.WORD;
    return (left ? " " : "") + folded + (right ? " " : "");
  }

  public String version() {
    return version;
  }

  public List<String> labels() {
    return labels;
  }

  public String term(int term) {
    return termText[term];
  }

  public int label(int term) {
    return termLabel[term];
  }

  public double weight(int term) {
    return termWeight[term];
  }

  /** The terms found in an article, leftmost-longest, in reading order. */
  public Hits scan(ArticleText text) {
    NormalizedText folded = text.folded();
    PhraseAutomaton.Matches m = new PhraseAutomaton.Matches();
    automaton.match(folded.chars(), 0, folded.length(), m);
    int n = m.size();
    int[] term = new int[n];
    int[] end = new int[n];
    for (int i = 0; i < n; i++) {
      term[i] = m.phrase(i);
      end[i] = m.end(i);
    }
    return resolve(text, term, end, n);
  }

  /** Leftmost-longest among overlapping matches (term id, end position exclusive, padding included). */
  Hits resolve(ArticleText text, int[] term, int[] matchEnd, int n) {
    char[] chars = text.folded().chars();
    long[] spans = new long[n];
    for (int i = 0; i < n; i++) {
      int end = matchEnd[i];
      int start = end - termPhrase[term[i]].length();
      if (chars[start] == TextNormalizer.SEP) {
        start++;
      }
      spans[i] = ((long) start << 40) | ((long) (0xFFFFF - (end - start)) << 20) | i;
    }
    Arrays.sort(spans);
    Hits hits = new Hits(n);
    int coveredUntil = -1;
    for (long span : spans) {
      int start = (int) (span >>> 40);
      if (start < coveredUntil) {
        continue;
      }
      int i = (int) (span & 0xFFFFF);
      int end = matchEnd[i];
      if (chars[end - 1] == TextNormalizer.SEP) {
        end--;
      }
      coveredUntil = end;
      hits.add(term[i], start, end, start < text.titleEnd());
    }
    return hits;
  }

  /**
   * Several lexicons scanned in one automaton pass (enrichment reads the taxonomy, the sections and
   * the sentiment lexicon from the same text); each still resolves its own overlaps.
   */
  public static final class Set {
    private final Lexicon[] parts;
    private final PhraseAutomaton automaton;
    private final int[][] phraseTerms;

    public Set(Lexicon... parts) {
      this.parts = parts.clone();
      PhraseAutomaton.Builder b = PhraseAutomaton.builder();
      List<int[]> owners = new ArrayList<>();
      for (int p = 0; p < parts.length; p++) {
        for (int t = 0; t < parts[p].termPhrase.length; t++) {
          int id = b.add(parts[p].termPhrase[t]);
          if (id == owners.size()) {
            owners.add(new int[0]);
          }
          int[] o = owners.get(id);
          int[] grown = Arrays.copyOf(o, o.length + 2);
          grown[o.length] = p;
          grown[o.length + 1] = t;
          owners.set(id, grown);
        }
      }
      this.automaton = b.build();
      this.phraseTerms = owners.toArray(int[][]::new);
    }

    /** Hits per lexicon, in the order the lexicons were given. */
    public Hits[] scan(ArticleText text) {
      NormalizedText folded = text.folded();
      PhraseAutomaton.Matches m = new PhraseAutomaton.Matches();
      automaton.match(folded.chars(), 0, folded.length(), m);
      int n = m.size();
      int[][] terms = new int[parts.length][n];
      int[][] ends = new int[parts.length][n];
      int[] counts = new int[parts.length];
      for (int i = 0; i < n; i++) {
        int[] owners = phraseTerms[m.phrase(i)];
        for (int k = 0; k < owners.length; k += 2) {
          int p = owners[k];
          terms[p][counts[p]] = owners[k + 1];
          ends[p][counts[p]++] = m.end(i);
        }
      }
      Hits[] out = new Hits[parts.length];
      for (int p = 0; p < parts.length; p++) {
        out[p] = parts[p].resolve(text, terms[p], ends[p], counts[p]);
      }
      return out;
    }
  }

  /** Terms found in one article: term id, folded span, whether in the title. */
  public static final class Hits {
    private int[] term;
    private int[] start;
    private int[] end;
    private boolean[] inTitle;
    private int size;

    Hits(int capacity) {
      term = new int[Math.max(1, capacity)];
      start = new int[term.length];
      end = new int[term.length];
      inTitle = new boolean[term.length];
    }

    void add(int t, int s, int e, boolean title) {
      term[size] = t;
      start[size] = s;
      end[size] = e;
      inTitle[size++] = title;
    }

    public int size() {
      return size;
    }

    public int term(int i) {
      return term[i];
    }

    public int start(int i) {
      return start[i];
    }

    public int end(int i) {
      return end[i];
    }

    public boolean inTitle(int i) {
      return inTitle[i];
    }
  }
}
