package dev.newsflow.streams.enrich.sentiment;

import dev.newsflow.streams.enrich.lexicon.Lexicon;
import dev.newsflow.streams.enrich.text.ArticleText;
import dev.newsflow.streams.enrich.text.NormalizedText;
import dev.newsflow.streams.enrich.text.TextNormalizer;
import dev.newsflow.streams.phrases.Sentences;

/**
 * Tone from the versioned polarity lexicon ({@code sentiment.tsv}), English and Chinese: the sum of
 * the polarity of the words found, a word right after a negation ("not strong", "没有增长") counting
 * against its polarity and one after an intensifier ("sharply lower") half as much again. A score is
 * {@code (positive - negative) / (positive + negative + 2)}, in -1..1; 0 without evidence.
 * Per company it reads only the sentences that mention the company.
 */
public final class SentimentScorer {
  /** How far a negation reaches: Latin words, or CJK characters. */
  private static final int NEGATION_WORDS = 3;
  private static final int NEGATION_CHARS = 4;

  private final Lexicon lexicon;
  private final int positive;
  private final int negative;
  private final int negation;
  private final int intensifier;

  public SentimentScorer(Lexicon lexicon) {
    this.lexicon = lexicon;
    this.positive = lexicon.labels().indexOf("positive");
    this.negative = lexicon.labels().indexOf("negative");
    this.negation = lexicon.labels().indexOf("negation");
    this.intensifier = lexicon.labels().indexOf("intensifier");
    if (positive < 0 || negative < 0 || negation < 0 || intensifier < 0) {
      throw new IllegalArgumentException("a sentiment lexicon needs positive, negative, negation and intensifier");
    }
  }

  public static SentimentScorer standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    static final SentimentScorer INSTANCE = new SentimentScorer(Lexicon.load(SentimentScorer.class, "sentiment.tsv"));
  }

  public String version() {
    return lexicon.version();
  }

  /** The polarity found in one article: per folded position, ready to be summed over any range. */
  public Polarity read(ArticleText text) {
    return read(text, lexicon.scan(text));
  }

  public Lexicon lexicon() {
    return lexicon;
  }

  /** The polarity from the lexicon terms already found in an article. */
  public Polarity read(ArticleText text, Lexicon.Hits hits) {
    NormalizedText folded = text.folded();
    Polarity p = new Polarity(text, hits.size());
    int negatedUntil = -1;
    double boost = 1;
    int boostedUntil = -1;
    for (int i = 0; i < hits.size(); i++) {
      int term = hits.term(i);
      int label = lexicon.label(term);
      if (label == negation) {
        negatedUntil = reach(folded, hits.end(i));
        continue;
      }
      if (label == intensifier) {
        boostedUntil = reach(folded, hits.end(i));
        boost = 1.5;
        continue;
      }
      double value = lexicon.weight(term) * (label == positive ? 1 : -1);
      if (hits.start(i) <= boostedUntil) {
        value *= boost;
      }
      if (hits.start(i) <= negatedUntil) {
        value = -0.8 * value;
      }
      p.add(hits.start(i), value);
    }
    return p;
  }

  /** The folded position a negation or intensifier ending at {@code end} reaches. */
  private static int reach(NormalizedText folded, int end) {
    char[] chars = folded.chars();
    int len = folded.length();
    if (end > 0 && TextNormalizer.classOf(chars[end - 1]) == TextNormalizer.CJK) {
      return Math.min(len, end + NEGATION_CHARS);
    }
    int words = 0;
    int i = end;
    while (i < len && words <= NEGATION_WORDS) {
      if (chars[i] == TextNormalizer.SEP && i > 0 && chars[i - 1] != TextNormalizer.SEP) {
        words++;
      }
      i++;
    }
    return i;
  }

  /** Scores in -1..1 from summed polarity. */
  static double score(double positive, double negative) {
    return Math.round((positive - negative) / (positive + negative + 2) * 1000) / 1000.0;
  }

  /** Polarity values found in an article, by folded position. */
  public static final class Polarity {
    private final ArticleText text;
    private final int[] at;
    private final double[] value;
    private int size;

    Polarity(ArticleText text, int capacity) {
      this.text = text;
      this.at = new int[Math.max(1, capacity)];
      this.value = new double[at.length];
    }

    void add(int position, double v) {
      at[size] = position;
      value[size++] = v;
    }

    /** The article's tone. */
    public double article() {
      double[] sums = new double[2];
      addBetween(0, Integer.MAX_VALUE, sums);
      return score(sums[0], sums[1]);
    }

    /** The tone of the sentences holding the given folded positions (a company's mentions). */
    public double around(int[] positions) {
      double[] sums = new double[2];
      int lastSentenceEnd = -1;
      for (int position : positions) {
        int from = sentenceStart(position);
        int to = sentenceEnd(position);
        if (to <= lastSentenceEnd) {
          continue; // a second mention in the same sentence reads it once
        }
        addBetween(Math.max(from, lastSentenceEnd), to, sums);
        lastSentenceEnd = to;
      }
      return score(sums[0], sums[1]);
    }

    /** Adds the positive ({@code sums[0]}) and negative ({@code sums[1]}) polarity found in {@code [from, to)}. */
    private void addBetween(int from, int to, double[] sums) {
      for (int i = 0; i < size; i++) {
        if (at[i] >= from && at[i] < to) {
          if (value[i] > 0) {
            sums[0] += value[i];
          } else {
            sums[1] -= value[i];
          }
        }
      }
    }

    /**
     * Sentences end where {@link Sentences} ends them (so "Acme Inc." and a line of wrapped wire copy do not cut a
     * company's sentence short), and, for tone, a clause ends at a semicolon too; the title is a sentence of its own.
     */
    private int sentenceStart(int position) {
      int i = position;
      while (i > 0 && !endsSentence(i - 1) && i != text.titleEnd()) {
        i--;
      }
      return i;
    }

    private int sentenceEnd(int position) {
      int len = text.folded().length();
      int i = position;
      while (i < len - 1 && !endsSentence(i) && i + 1 != text.titleEnd()) {
        i++;
      }
      return i + 1;
    }

    /** Whether folded position {@code i} (a separator) stands for the end of a sentence or clause. */
    private boolean endsSentence(int i) {
      NormalizedText f = text.folded();
      if (f.charAt(i) != TextNormalizer.SEP) {
        return false;
      }
      int origin = f.originOf(i);
      char original = text.originalAt(origin);
      if (original == ';' || original == '\uFF1B') {
        return true;
      }
      if (origin < text.title().length()) {
        return Sentences.endsAt(text.title(), origin);
      }
      int inBody = origin - text.bodyOffset();
      return inBody >= 0 && inBody < text.body().length() && Sentences.endsAt(text.body(), inBody);
    }
  }
}
