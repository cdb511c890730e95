package dev.newsflow.streams.enrich.lexicon;

import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.LeftmostLongest;
import dev.newsflow.streams.enrich.text.TextNormalizer;
import dev.newsflow.streams.enrich.text.TokenAutomaton;
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
 * a comment and {@code # version: NAME} names the version.
 */
public final class Lexicon {
  private final String version;
  private final List<String> labels;
  private final TokenAutomaton automaton;
  private final int[] termLabel;
  private final double[] termWeight;
  private final String[] termText;
  private final String[] termPhrase;

  private Lexicon(String version, List<String> labels, TokenAutomaton automaton, int[] termLabel,
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
    TokenAutomaton.Builder builder = TokenAutomaton.builder(4096);
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
        String folded = TextNormalizer.fold(t);
        int id = builder.add(folded);
        if (id < 0 || id < labelOf.size()) {
          continue; // the same term listed twice keeps its first label
        }
        labelOf.add(label);
        weightOf.add(weight);
        textOf.add(folded);
        phraseOf.add(folded);
      }
    }
    if (version == null) {
      throw new IllegalArgumentException(name + ": no '# version:' line");
    }
    return new Lexicon(version, List.copyOf(labelIds.keySet()), builder.build(),
        labelOf.stream().mapToInt(Integer::intValue).toArray(), weightOf.stream().mapToDouble(Double::doubleValue).toArray(),
        textOf.toArray(String[]::new), phraseOf.toArray(String[]::new));
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

  /** The folded form of each term, by term id: what {@link ArticleLexicons} puts in its shared automaton. */
  String phrase(int term) {
    return termPhrase[term];
  }

  int terms() {
    return termPhrase.length;
  }

  /** The terms found in an article, leftmost-longest, in reading order. */
  public Hits scan(ArticleText text) {
    TokenAutomaton.Matches m = new TokenAutomaton.Matches();
    automaton.match(text.tokens(), m);
    int n = m.size();
    int[] term = new int[n];
    int[] start = new int[n];
    int[] end = new int[n];
    for (int i = 0; i < n; i++) {
      term[i] = m.phrase(i);
      start[i] = m.start(i);
      end[i] = m.end(i);
    }
    return resolve(text, term, start, end, n);
  }

  /** Leftmost-longest among overlapping matches (term id, folded start and end). */
  Hits resolve(ArticleText text, int[] term, int[] matchStart, int[] matchEnd, int n) {
    int titleEnd = text.titleEnd();
    boolean ordered = true;
    for (int i = 1; i < n && ordered; i++) {
      ordered = matchStart[i] >= matchEnd[i - 1];
    }
    if (ordered) { // the common case: no two terms overlap
      Hits hits = new Hits(n);
      for (int i = 0; i < n; i++) {
        hits.add(term[i], matchStart[i], matchEnd[i], matchStart[i] < titleEnd);
      }
      return hits;
    }
    long[] spans = new long[n];
    for (int i = 0; i < n; i++) {
      spans[i] = LeftmostLongest.key(matchStart[i], matchEnd[i], i);
    }
    Arrays.sort(spans);
    Hits hits = new Hits(n);
    int coveredUntil = -1;
    for (long span : spans) {
      int start = LeftmostLongest.start(span);
      if (start < coveredUntil) {
        continue;
      }
      int i = LeftmostLongest.index(span);
      coveredUntil = matchEnd[i];
      hits.add(term[i], start, matchEnd[i], start < text.titleEnd());
    }
    return hits;
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
