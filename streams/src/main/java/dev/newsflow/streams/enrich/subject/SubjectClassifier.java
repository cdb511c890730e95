package dev.newsflow.streams.enrich.subject;

import dev.newsflow.schema.TopicScore;
import dev.newsflow.streams.enrich.lexicon.Lexicon;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Labels an article with the topics of the versioned taxonomy ({@code taxonomy.tsv}) it is about,
 * several at once, each with a score in 0..1 and the terms that produced it, and with its coarse
 * section ({@code sections.tsv}: business, technology, politics, entertainment or sport).
 *
 * <p>A topic's evidence is the sum of the weights of the distinct taxonomy terms found, a term in the
 * title counting double and a repeated term adding a little (log of its count); the score is
 * {@code e / (e + 2)}, so one strong term alone scores 0.5 and is reported. The section is the one
 * with the most evidence from the section vocabulary, scored the same way.
 */
public final class SubjectClassifier {
  /** Lowest score reported as a topic. */
  public static final double MIN_SCORE = 0.5;
  private static final int MAX_EVIDENCE = 5;

  private final Lexicon taxonomy;
  private final Lexicon sections;

  public SubjectClassifier(Lexicon taxonomy, Lexicon sections) {
    this.taxonomy = taxonomy;
    this.sections = sections;
  }

  /** The taxonomy and section vocabulary shipped with newsflow. */
  public static SubjectClassifier standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    static final SubjectClassifier INSTANCE = new SubjectClassifier(Lexicon.load(SubjectClassifier.class, "taxonomy.tsv"),
        Lexicon.load(SubjectClassifier.class, "sections.tsv"));
  }

  public String version() {
    return taxonomy.version() + "+" + sections.version();
  }

  public Lexicon taxonomy() {
    return taxonomy;
  }

  public Lexicon sections() {
    return sections;
  }

  /** Every topic scoring at least {@link #MIN_SCORE}, best first. */
  public List<TopicScore> topics(ArticleText text) {
    return topics(taxonomy.scan(text));
  }

  /** Topics from the taxonomy terms already found in an article. */
  public List<TopicScore> topics(Lexicon.Hits taxonomyHits) {
    Evidence e = evidence(taxonomy, taxonomyHits);
    List<TopicScore> out = new ArrayList<>();
    for (int label = 0; label < e.score.length; label++) {
      double score = e.score[label] / (e.score[label] + 2);
      if (score >= MIN_SCORE) {
        out.add(TopicScore.newBuilder().setTopic(taxonomy.labels().get(label))
            .setScore(Math.round(score * 1000) / 1000.0).setEvidence(e.terms(label)).build());
      }
    }
    out.sort(Comparator.comparingDouble(TopicScore::getScore).reversed().thenComparing(TopicScore::getTopic));
    return out;
  }

  /** The section with the most evidence, or null when the text has none. */
  public String section(ArticleText text) {
    return section(sections.scan(text));
  }

  /** The section from the section terms already found in an article. */
  public String section(Lexicon.Hits sectionHits) {
    Evidence e = evidence(sections, sectionHits);
    int best = -1;
    for (int label = 0; label < e.score.length; label++) {
      if (e.score[label] > 0 && (best < 0 || e.score[label] > e.score[best])) {
        best = label;
      }
    }
    return best < 0 ? null : sections.labels().get(best);
  }

  private static Evidence evidence(Lexicon lexicon, Lexicon.Hits hits) {
    // Distinct terms in order of first sight, with their count and whether one was in the title.
    int n = hits.size();
    int[] terms = new int[n];
    int[] counts = new int[n];
    boolean[] title = new boolean[n];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      int term = hits.term(i);
      int at = 0;
      while (at < distinct && terms[at] != term) {
        at++;
      }
      if (at == distinct) {
        terms[distinct++] = term;
      }
      counts[at]++;
      title[at] |= hits.inTitle(i);
    }
    Evidence e = new Evidence(lexicon);
    for (int i = 0; i < distinct; i++) {
      double w = lexicon.weight(terms[i]) * (1 + Math.log(counts[i]) / 2) * (title[i] ? 2 : 1);
      int label = lexicon.label(terms[i]);
      e.score[label] += w;
      e.contributions.add(new Contribution(label, lexicon.term(terms[i]), w));
    }
    return e;
  }

  private record Contribution(int label, String term, double weight) {}

  private static final class Evidence {
    final double[] score;
    final List<Contribution> contributions = new ArrayList<>();

    Evidence(Lexicon lexicon) {
      score = new double[lexicon.labels().size()];
    }

    List<String> terms(int label) {
      List<Contribution> mine = new ArrayList<>();
      for (Contribution c : contributions) {
        if (c.label() == label) {
          mine.add(c);
        }
      }
      mine.sort(Comparator.comparingDouble(Contribution::weight).reversed().thenComparing(Contribution::term));
      List<String> out = new ArrayList<>(Math.min(MAX_EVIDENCE, mine.size()));
      for (int i = 0; i < mine.size() && i < MAX_EVIDENCE; i++) {
        out.add(mine.get(i).term());
      }
      return out;
    }
  }
}
