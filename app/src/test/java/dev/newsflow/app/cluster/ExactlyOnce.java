package dev.newsflow.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.streams.enrich.Enricher;
import dev.newsflow.streams.enrich.OfflineEnrichment;
import dev.newsflow.testkit.SeededNews;
import dev.newsflow.topic.TopicSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * What the reliability tests prove after brokers or instances died: every article sent is in
 * {@code articles.enriched}, none is there twice (read committed, whole id sets compared), and every
 * company's article count equals a clean model's: the same articles enriched offline, with no Kafka and
 * no failure ({@link OfflineEnrichment}), each article counted once for each company it mentions.
 *
 * <p>"Twice" means the same record twice: what a retried write that exactly-once failed to fence would
 * leave. The enrichment may publish an article again with a corrected duplicate verdict when a bucket's
 * answer comes late ({@code DecideDuplicates}); such a correction is another version, not a duplicate,
 * and is counted apart.
 */
final class ExactlyOnce {
  /** What one run came to: the figures a report states. */
  record Outcome(int sent, int read, Set<String> lost, Map<String, Integer> duplicated, int corrected) {
    String figures() {
      return "records sent " + sent + ", enriched records read " + read + " (" + corrected
          + " articles published again with a corrected verdict), lost " + lost.size() + ", duplicated "
          + duplicated.size();
    }
  }

  private ExactlyOnce() {}

  /**
   * The news a test sends, seeded: the companies, the articles about them, and each company's article
   * count as a clean, failure-free run gives it (the model the outcome is compared with).
   */
  record News(List<Company> companies, List<Article> articles, Map<String, Long> model) {
    static News seeded(int companies, long seed, int articles) {
      List<Company> c = SeededNews.companies(companies, seed);
      List<Article> a = SeededNews.articles(c, seed, articles);
      return new News(c, a, modelCounts(c, a));
    }

    /** Publishes the companies, the reference data the articles are linked against, and waits for their acknowledgement. */
    void publishCompanies(RecordPublisher publisher, NewsflowConfig config) {
      companies.forEach(c -> publisher.publish(config.topics().companies(), c.getId(), c));
      publisher.flush();
    }
  }

  private static Map<String, Long> modelCounts(List<Company> companies, List<Article> articles) {
    Map<String, Long> counts = new TreeMap<>();
    for (EnrichedArticle a : OfflineEnrichment.run(companies, articles, Enricher.standard())) {
      a.getMentions().stream().map(Mention::getCompanyId).distinct().forEach(c -> counts.merge(c, 1L, Long::sum));
    }
    return counts;
  }

  /** Sends articles {@code from} (inclusive) to {@code to} (exclusive) and waits until every one is acknowledged. */
  static void send(RecordPublisher publisher, NewsflowConfig config, List<Article> articles, int from, int to) {
    for (int i = from; i < to; i++) {
      Article a = articles.get(i);
      publisher.publish(config.topics().articlesRaw(), a.getId(), a);
    }
    publisher.flush();
  }

  /** Reads articles.enriched (committed records only) and compares its ids with those sent. */
  static Outcome enriched(NewsflowConfig config, List<Article> sent) {
    List<EnrichedArticle> read = TopicSnapshot.readAll(config, config.topics().articlesEnriched(), Duration.ofSeconds(60));
    Map<String, List<EnrichedArticle>> versions = read.stream()
        .collect(Collectors.groupingBy(EnrichedArticle::getId, TreeMap::new, Collectors.toList()));
    Set<String> lost = sent.stream().map(Article::getId).filter(id -> !versions.containsKey(id))
        .collect(Collectors.toCollection(TreeSet::new));
    Map<String, Integer> duplicated = new TreeMap<>();
    int corrected = 0;
    for (Map.Entry<String, List<EnrichedArticle>> e : versions.entrySet()) {
      int distinct = Set.copyOf(e.getValue()).size();
      if (distinct < e.getValue().size()) {
        duplicated.put(e.getKey(), e.getValue().size() - distinct + 1);
      }
      if (distinct > 1) {
        corrected++;
      }
    }
    Set<String> unexpected = new TreeSet<>(versions.keySet());
    sent.forEach(a -> unexpected.remove(a.getId()));
    if (!unexpected.isEmpty()) {
      throw new AssertionError("articles.enriched holds articles never sent: " + unexpected);
    }
    return new Outcome(sent.size(), read.size(), lost, duplicated, corrected);
  }

  /** Asserts the whole outcome: the enriched id set equals the sent one, once each, and the counts equal the model's. */
  static Outcome assertExactlyOnce(NewsflowConfig config, List<Article> sent, Map<String, Long> model) {
    Outcome outcome = enriched(config, sent);
    assertEquals(Set.of(), outcome.lost(), "articles sent but never enriched");
    assertEquals(Map.of(), outcome.duplicated(), "the same enriched record written more than once");
    Map<String, Long> counted = new TreeMap<>();
    TopicSnapshot.read(config, config.topics().companySummary(), Duration.ofSeconds(60)).forEach((id, s) -> {
      if (s.getArticleCount() > 0) {
        counted.put(id, s.getArticleCount());
      }
    });
    assertEquals(model, counted, "each company's article count, against the clean model");
    return outcome;
  }

  /** Waits until every partition of every topic has all its replicas in sync again (after a broker came back). */
  static void awaitFullyReplicated(Admin admin, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> behind = List.of();
    while (System.nanoTime() < deadline) {
      Set<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
          .names().get();
      Map<String, TopicDescription> all = admin.describeTopics(names).allTopicNames().get();
      behind = all.values().stream().flatMap(d -> d.partitions().stream()
              .filter(p -> p.isr().size() < p.replicas().size())
              .map((TopicPartitionInfo p) -> d.name() + "-" + p.partition()))
          .toList();
      if (behind.isEmpty()) {
        return;
      }
      Thread.sleep(250); // the polling interval of a deadline loop
    }
    throw new AssertionError("partitions still under-replicated after " + timeout.toSeconds() + " s: " + behind);
  }

  /** The latest summary of each company, for tests that look closer than the counts. */
  static Map<String, CompanySummary> summaries(NewsflowConfig config) {
    return TopicSnapshot.read(config, config.topics().companySummary(), Duration.ofSeconds(60));
  }
}
