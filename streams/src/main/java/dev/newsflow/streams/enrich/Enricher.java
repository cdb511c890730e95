package dev.newsflow.streams.enrich;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.ReportedRelease;
import dev.newsflow.streams.enrich.dedup.DuplicateRules;
import dev.newsflow.streams.enrich.dedup.Fingerprint;
import dev.newsflow.streams.enrich.dedup.Probe;
import dev.newsflow.streams.enrich.dedup.StoryMarks;
import dev.newsflow.streams.enrich.dedup.Verdict;
import dev.newsflow.streams.enrich.lexicon.ArticleLexicons;
import dev.newsflow.streams.enrich.lexicon.LexiconHits;
import dev.newsflow.streams.enrich.link.CompanyLinker;
import dev.newsflow.streams.enrich.release.DetectedRelease;
import dev.newsflow.streams.enrich.release.ReleaseDetector;
import dev.newsflow.streams.enrich.sentiment.SentimentScorer;
import dev.newsflow.streams.enrich.subject.SubjectClassifier;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Everything enrichment does to one article, shared by the streams topology and the offline
 * commands: fold the text once, link companies, label topics and section, score the tone of the
 * article and of each company's sentences, find the releases of the linked companies it reports, and
 * fingerprint it for dedup. The dedup verdict itself
 * needs the other articles, so it is applied afterwards ({@link Verdict#mark}).
 */
public final class Enricher {
  private final SubjectClassifier subjects;
  private final SentimentScorer sentiment;
  private final String version;
  private final ArticleLexicons lexicons;
  private final ReleaseDetector releases = new ReleaseDetector();

  public Enricher(SubjectClassifier subjects, SentimentScorer sentiment) {
    this.subjects = subjects;
    this.sentiment = sentiment;
    this.lexicons = new ArticleLexicons(subjects.taxonomy(), subjects.sections(), sentiment.lexicon());
    this.version = "newsflow-enrich-3;" + CompanyLinker.VERSION + ";" + subjects.version() + ";" + sentiment.version()
        + ";" + DuplicateRules.VERSION;
  }

  public static Enricher standard() {
    return new Enricher(SubjectClassifier.standard(), SentimentScorer.standard());
  }

  /** Versions of the linker, taxonomy, lexicon and dedup rules: the {@code enrichmentVersion} of every record. */
  public String version() {
    return version;
  }

  /**
   * An enriched article (its own story until dedup says otherwise), its fingerprint and the marks that join it
   * to other reports of its event ({@link StoryMarks}). Its bucket keys and lookups are made once, when it is
   * made: the probe counts them, and the topology both batches and counts them.
   */
  public static final class Enrichment {
    private final EnrichedArticle article;
    private final Fingerprint fingerprint;
    private final StoryMarks story;
    private final long order;
    private final List<String> bucketKeys;
    private final List<String> lookupKeys;

    public Enrichment(EnrichedArticle article, Fingerprint fingerprint) {
      this(article, fingerprint, StoryMarks.NONE);
    }

    public Enrichment(EnrichedArticle article, Fingerprint fingerprint, StoryMarks story) {
      this.article = article;
      this.fingerprint = fingerprint;
      this.story = story;
      this.order = article.getPublishedAt() == null ? 0 : article.getPublishedAt().toEpochMilli();
      List<String> storyKeys = story.keys(order);
      List<String> keys = fingerprint.bucketKeys();
      if (!storyKeys.isEmpty()) {
        keys = new ArrayList<>(keys);
        keys.addAll(storyKeys);
      }
      this.bucketKeys = Collections.unmodifiableList(keys);
      this.lookupKeys = story.lookups(order);
    }

    public EnrichedArticle article() {
      return article;
    }

    public Fingerprint fingerprint() {
      return fingerprint;
    }

    public StoryMarks story() {
      return story;
    }

    /** The probe dedup files this article with; {@code version} tells revisions of one id apart. */
    public Probe probe(String version) {
      return Probe.of(article.getId(), version, order, fingerprint, story, bucketKeys.size() + lookupKeys.size());
    }

    /** The bucket keys the article is filed under: its fingerprint's, then its story keys. */
    public List<String> bucketKeys() {
      return bucketKeys;
    }

    /** The buckets the article is compared with without being filed there: its story keys' neighbouring slots. */
    public List<String> lookupKeys() {
      return lookupKeys;
    }
  }

  public Enrichment enrich(Article a, CompanyLinker linker) {
    ArticleText text = ArticleText.of(a.getTitle(), a.getBody());
    LexiconHits hits = lexicons.scan(text);
    SentimentScorer.Polarity polarity = sentiment.read(text, hits.tone());
    List<Mention> mentions = new ArrayList<>();
    for (CompanyLinker.Linked l : linker.find(text, a.getSource())) {
      mentions.add(l.toMention(polarity.around(l.positions())));
    }
    EnrichedArticle enriched = EnrichedArticle.newBuilder()
        .setId(a.getId())
        .setTitle(a.getTitle())
        .setBody(a.getBody())
        .setUrl(a.getUrl())
        .setSource(a.getSource())
        .setPublishedAt(a.getPublishedAt())
        .setLanguage(a.getLanguage())
        .setAuthor(a.getAuthor())
        .setMentions(mentions)
        .setTopics(subjects.topics(hits.taxonomy()))
        .setSection(subjects.section(hits.sections()))
        .setSentiment(polarity.article())
        .setStoryId(a.getId())
        .setEnrichmentVersion(version)
        .setDetectedReleases(releases(a, mentions, linker))
        .build();
    return new Enrichment(enriched, Fingerprint.of(text, a.getUrl()), storyMarks(a, mentions, linker));
  }

  /**
   * The article's story marks: the companies it was linked to, the words of their names (which mark no event of
   * their own) and their products (which do).
   */
  private static StoryMarks storyMarks(Article a, List<Mention> mentions, CompanyLinker linker) {
    List<String> ids = mentions.stream().map(Mention::getCompanyId).distinct().toList();
    List<String> names = new ArrayList<>();
    List<String> products = new ArrayList<>();
    for (Mention m : mentions) {
      names.add(m.getAlias());
      Company c = linker.company(m.getCompanyId());
      if (c != null) {
        names.add(c.getId());
        names.add(c.getName());
        names.addAll(c.getAliases());
        products.addAll(c.getProducts());
      }
    }
    return StoryMarks.of(a.getTitle(), a.getBody(), ids, names, products);
  }

  /** The releases the article reports, of the companies it was linked to (their gazetteer records name the products). */
  private List<ReportedRelease> releases(Article a, List<Mention> mentions, CompanyLinker linker) {
    List<Company> linked = mentions.stream().map(Mention::getCompanyId).distinct().map(linker::company)
        .filter(Objects::nonNull).toList();
    List<ReportedRelease> out = new ArrayList<>();
    for (DetectedRelease r : releases.detect(a.getTitle(), a.getBody(), linked)) {
      out.add(ReportedRelease.newBuilder().setCompanyId(r.companyId()).setProduct(r.product()).setVersion(r.version())
          .setEvidence(r.evidence()).setConfidence(r.confidence()).build());
    }
    return out;
  }
}
