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

  private Lexicon(String version, List<String> labels, PhraseAutomaton automaton, int[] termLabel,
      double[] termWeight, String[] termText) {
    this.version = version;
    this.labels = labels;
    this.automaton = automaton;
    this.termLabel = termLabel;
    this.termWeight = termWeight;
    this.termText = termText;
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
      }
    }
    if (version == null) {
      throw new IllegalArgumentException(name + ": no '# version:' line");
    }
    return new Lexicon(version, List.copyOf(labelIds.keySet()), builder.build(),
        labelOf.stream().mapToInt(Integer::intValue).toArray(), weightOf.stream().mapToDouble(Double::doubleValue).toArray(),
        textOf.toArray(String[]::new));
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
    long[] spans = new long[n];
    char[] chars = folded.chars();
    for (int i = 0; i < n; i++) {
      int end = m.end(i);
      int start = end - automaton.phraseLength(m.phrase(i));
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
      int end = m.end(i);
      if (chars[end - 1] == TextNormalizer.SEP) {
        end--;
      }
      coveredUntil = end;
      hits.add(m.phrase(i), start, end, start < text.titleEnd());
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
