package dev.newsflow.streams.aggregate;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.ReleaseSighting;
import dev.newsflow.streams.phrases.KeySentence;
import dev.newsflow.streams.state.ReadPosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one article last contributed to the companies it names, as {@link ArticleContributions} remembers it.
 * The facts of each company repeat the article's own (title, excerpt, URL, topics) and list the other
 * companies, so kept whole they take about N² bytes for an article naming N companies, and a list of a few
 * hundred companies outgrew what one Kafka record may hold (see streams/README, "What one record may hold").
 * Here the article's part is kept once and each company's own part beside it; {@link #facts()} gives back
 * exactly the facts that were kept.
 *
 * @param article what every company's facts share; null in a value kept whole
 * @param companies each company's own part, in the order the article names them; null in a value kept whole
 * @param byCompany the facts by company, kept whole: in values written before this form, and for facts that
 *     do not share their article's part (none that {@link ArticleFacts#of} makes)
 * @param read where the article that wrote this value was read ({@link ReadPosition}); null in values written
 *     before it was kept
 */
public record Contribution(Shared article, Map<String, Own> companies, Map<String, ArticleFacts> byCompany,
    String read) {

  /** A value that does not say where its article was read, as written before that was kept. */
  public Contribution(Shared article, Map<String, Own> companies, Map<String, ArticleFacts> byCompany) {
    this(article, companies, byCompany, null);
  }

  /** The part of an article's facts that is the same for every company it names. */
  public record Shared(String articleId, long publishedAt, String source, String sourceKey, String storyId,
      String duplicateOf, List<String> topics, String title, String url, String rumour, String text, String language) {

    static Shared of(ArticleFacts f) {
      return new Shared(f.articleId(), f.publishedAt(), f.source(), f.sourceKey(), f.storyId(), f.duplicateOf(),
          f.topics(), f.title(), f.url(), f.rumour(), f.text(), f.language());
    }
  }

  /** One company's own part of an article's facts; the other companies it is named with are the rest of the keys. */
  public record Own(Long sentimentMicros, int mentions, double salience, List<ReleaseSighting> releases,
      KeySentence keySentence) {

    static Own of(ArticleFacts f) {
      return new Own(f.sentimentMicros(), f.mentions(), f.salience(), f.releases(), f.keySentence());
    }
  }

  /** The contribution of {@code facts} (by company id, in the article's order), in the shared form where they allow it. */
  public static Contribution of(Map<String, ArticleFacts> facts) {
    return of(facts, null);
  }

  /** As {@link #of(Map)}, for an article read at {@code read}. */
  public static Contribution of(Map<String, ArticleFacts> facts, String read) {
    if (facts.isEmpty()) {
      return new Contribution(null, null, Map.of(), read);
    }
    Shared shared = Shared.of(facts.values().iterator().next());
    Map<String, Own> companies = new LinkedHashMap<>();
    for (Map.Entry<String, ArticleFacts> e : facts.entrySet()) {
      ArticleFacts f = e.getValue();
      if (!e.getKey().equals(f.companyId()) || !shared.equals(Shared.of(f))
          || !f.coMentions().equals(others(facts.keySet(), e.getKey()))) {
        return new Contribution(null, null, new LinkedHashMap<>(facts), read);
      }
      companies.put(e.getKey(), Own.of(f));
    }
    return new Contribution(shared, companies, null, read);
  }

  /** The facts by company id, in the article's order, as they were given to {@link #of}. */
  public Map<String, ArticleFacts> facts() {
    if (article == null || companies == null) {
      return byCompany == null ? Map.of() : byCompany;
    }
    Map<String, ArticleFacts> facts = new LinkedHashMap<>();
    Shared a = article;
    companies.forEach((companyId, own) -> facts.put(companyId, new ArticleFacts(a.articleId(), companyId,
        a.publishedAt(), a.source(), a.sourceKey(), a.storyId(), a.duplicateOf(), own.sentimentMicros(), a.topics(),
        others(companies.keySet(), companyId), own.mentions(), own.salience(), a.title(), a.url(), a.rumour(),
        a.text(), own.releases(), a.language(), own.keySentence())));
    return facts;
  }

  private static List<String> others(Iterable<String> companyIds, String companyId) {
    List<String> others = new ArrayList<>();
    for (String id : companyIds) {
      if (!Objects.equals(id, companyId)) {
        others.add(id);
      }
    }
    return List.copyOf(others);
  }
}
