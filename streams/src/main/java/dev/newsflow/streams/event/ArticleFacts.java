package dev.newsflow.streams.event;

import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.ArticleUrls;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.TopicScore;
import dev.newsflow.streams.phrases.KeySentence;
import dev.newsflow.streams.phrases.Phrases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one article contributes to one company's aggregates. The aggregation remembers the facts each
 * article last contributed ({@code aggregate/ArticleContributions}), so that a revision replaces them
 * exactly instead of adding to them.
 *
 * @param publishedAt event time in epoch milliseconds: the article's {@code publishedAt}, else its record timestamp
 * @param sourceKey the outlet as compared for "distinct sources" (normalized name, else the URL's host); null when unknown
 * @param sentimentMicros sentiment toward the company (the mention's, else the article's) in millionths, so sums stay exact
 * @param coMentions the other companies the article mentions
 * @param rumour the rumour wording the article uses, null when none
 * @param text normalized title and start of the body, to find product names in
 * @param releases the company's numbered releases the article reports (empty in facts stored before there were any)
 * @param language the article's language (BCP 47), null when unknown
 * @param keySentence the article's sentence that best names the company or the products it reports, for the
 *     company's digest; null in facts stored before digests, and when the article has no text
 */
public record ArticleFacts(
    String articleId,
    String companyId,
    long publishedAt,
    String source,
    String sourceKey,
    String storyId,
    String duplicateOf,
    Long sentimentMicros,
    List<String> topics,
    List<String> coMentions,
    int mentions,
    double salience,
    String title,
    String url,
    String rumour,
    String text,
    List<ReleaseSighting> releases,
    String language,
    KeySentence keySentence) {

  public ArticleFacts {
    releases = releases == null ? List.of() : List.copyOf(releases);
  }

  /** Characters of text kept for finding product names: the title and the lead of the body. */
  public static final int TEXT_CHARS = 1_000;
  /** Longest title kept for headlines. */
  public static final int TITLE_CHARS = 300;
  /**
   * Longest release evidence kept: a sentence that reports a release, quoted in the company's summary. The
   * detector quotes the whole sentence, and a body with no sentence end is one sentence; each release keeps up
   * to 150 reports ({@code ReleaseReports}), all in one record of the company's state.
   */
  public static final int EVIDENCE_CHARS = 500;

  /** The facts an enriched article contributes to each company it mentions, by company id. */
  public static Map<String, ArticleFacts> of(PhrasedArticle phrased, long eventTime) {
    EnrichedArticle a = phrased.article();
    Map<String, Mention> byCompany = new LinkedHashMap<>();
    Map<String, Set<String>> names = new LinkedHashMap<>();
    for (Mention m : a.getMentions()) {
      byCompany.merge(m.getCompanyId(), m, ArticleFacts::combine);
      names.computeIfAbsent(m.getCompanyId(), k -> new LinkedHashSet<>()).add(m.getAlias());
    }
    List<String> topics = a.getTopics().stream()
        .sorted(Comparator.comparingDouble(TopicScore::getScore).reversed().thenComparing(TopicScore::getTopic))
        .map(t -> t.getTopic().strip().toLowerCase(Locale.ROOT))
        .filter(t -> !t.isEmpty())
        .distinct()
        .toList();
    String rumour = phrased.rumour();
    String text = phrased.excerpt();
    String title = a.getTitle().isBlank() ? abbreviate(a.getBody().strip(), TITLE_CHARS) : abbreviate(a.getTitle().strip(), TITLE_CHARS);
    String storyId = a.getStoryId() == null || a.getStoryId().isBlank() ? a.getId() : a.getStoryId();
    Map<String, ArticleFacts> facts = new LinkedHashMap<>();
    KeySentence.Source sentences = byCompany.isEmpty() ? null : KeySentence.Source.of(a.getTitle(), a.getBody());
    byCompany.forEach((companyId, m) -> {
      List<String> others = new ArrayList<>(byCompany.keySet());
      others.remove(companyId);
      Double sentiment = m.getSentiment() != null ? m.getSentiment() : a.getSentiment();
      facts.put(companyId, new ArticleFacts(a.getId(), companyId, eventTime, a.getSource(),
          sourceKey(a.getSource(), a.getUrl()), storyId, a.getDuplicateOf(), micros(sentiment), topics,
          List.copyOf(others), m.getCount(), m.getSalience(), title, a.getUrl(), rumour, text,
          sightings(a, companyId), a.getLanguage(), keySentence(a, sentences, companyId, names.get(companyId))));
    });
    return facts;
  }

  /** The numbered releases of {@code companyId} the article reports. */
  private static List<ReleaseSighting> sightings(EnrichedArticle a, String companyId) {
    return a.getDetectedReleases().stream()
        .filter(r -> r.getCompanyId().equals(companyId) && r.getVersion() != null && !r.getVersion().isBlank())
        .map(r -> new ReleaseSighting(r.getProduct().strip(), r.getVersion().strip(),
            r.getEvidence() == null ? null : abbreviate(r.getEvidence(), EVIDENCE_CHARS), r.getConfidence()))
        .toList();
  }

  /**
   * The sentence a digest may quote for the company: one naming it as this article does, or a product of
   * it the article reports.
   */
  private static KeySentence keySentence(EnrichedArticle a, KeySentence.Source sentences, String companyId,
      Set<String> aliases) {
    Set<String> named = new LinkedHashSet<>(aliases);
    a.getDetectedReleases().stream().filter(r -> r.getCompanyId().equals(companyId))
        .forEach(r -> named.add(r.getProduct()));
    return sentences.choose(named);
  }

  /** One mention per company: a linker may list a company twice (by name and by product). */
  private static Mention combine(Mention a, Mention b) {
    Mention m = Mention.newBuilder(a.getSalience() >= b.getSalience() ? a : b).build();
    m.setCount(a.getCount() + b.getCount());
    m.setInTitle(a.getInTitle() || b.getInTitle());
    return m;
  }

  static Long micros(Double sentiment) {
    if (sentiment == null || !Double.isFinite(sentiment)) {
      return null;
    }
    return Math.round(Math.max(-1.0, Math.min(1.0, sentiment)) * 1_000_000);
  }

  /**
   * The outlet as compared for independence: "Reuters" and " reuters " are one source; else the site of
   * the URL ({@link ArticleUrls#outlet}: www.example.com and m.example.com are one).
   */
  public static String sourceKey(String source, String url) {
    String s = Phrases.normalize(source);
    if (!s.isEmpty()) {
      return s;
    }
    return ArticleUrls.outlet(url);
  }

  /**
   * The text kept for finding product names: the normalized title and lead of the body, at most
   * {@link #TEXT_CHARS} characters. A short body's normal form is reused; a long one is cut (and
   * marked "…") before it is normalized, as it always was.
   */
  static String excerpt(String normalizedTitle, String body, String normalizedBody) {
    String lead = body == null || body.length() <= TEXT_CHARS * 2 ? normalizedBody
        : Phrases.normalize(abbreviate(body, TEXT_CHARS * 2));
    String t = Phrases.join(normalizedTitle, lead);
    return t.length() <= TEXT_CHARS ? t : t.substring(0, TEXT_CHARS);
  }

  /** At most {@code max} characters, cut as the contract cuts text (never inside a character); "" for null. */
  private static String abbreviate(String s, int max) {
    return s == null ? "" : ArticleText.truncate(s, max);
  }

  /** Sentiment as a number again, or null. */
  public Double sentiment() {
    return sentimentMicros == null ? null : sentimentMicros / 1_000_000.0;
  }
}
