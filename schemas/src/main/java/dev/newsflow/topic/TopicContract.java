package dev.newsflow.topic;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a reader outside newsflow needs to know about one public topic beyond its name and serdes: the
 * key's format (with an example and a pattern every key matches), what the Kafka timestamp means, how
 * records are partitioned and which stages write and read it. {@code docs/topics.md} is generated from
 * these and the registry ({@link TopicsDoc}); the reference client's integration test checks every key
 * of a demo run against {@link #keyPattern()}.
 */
public record TopicContract(String topic, String record, String key, String keyExample, Pattern keyPattern,
    String timestamp, String partitioning, String writtenBy, String about) {

  private static final String BY_KEY = "by key (Kafka's default partitioner: murmur2 of the key's UTF-8 bytes)";
  /** A key with no white space: the id of an article, release, company, story or rule. */
  private static final Pattern ANY_ID = Pattern.compile("[^\\s]+");
  /** The key of both activity topics: the company id, then the window's start and length. */
  private static final Pattern ACTIVITY_KEY =
      Pattern.compile("[^@\\s]+@\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z/(1h|24h)");
  private static final String ACTIVITY_KEY_EXAMPLE = "google@2026-01-21T17:00:00Z/1h";
  /** Who writes the raw topics. */
  private static final String RAW_WRITERS = "`import`, `produce`, `ingest-server` (and any Avro producer)";

  /** The contract of every topic in {@link Topics#all()}, by name without the prefix, in pipeline order. */
  public static List<TopicContract> all() {
    return List.of(
        new TopicContract("articles.raw", "Article", "the article id", "nf-2026-0001", ANY_ID,
            "LogAppendTime: when the broker stored the record", BY_KEY,
            RAW_WRITERS,
            "Articles as published; the input of the streams application."),
        new TopicContract("releases.raw", "Release", "the release id", "rel-bytedance-seedance-2-0", ANY_ID,
            "LogAppendTime: when the broker stored the record", BY_KEY,
            RAW_WRITERS,
            "Product and model releases as announced."),
        new TopicContract("companies", "Company", "the company id", "bytedance", ANY_ID,
            "CreateTime: when `companies load` (or `demo`) published the record", BY_KEY,
            "`companies load`, `demo`",
            "The company reference data (names, aliases, products); the latest value per company wins, a null value deletes it."),
        new TopicContract("articles.enriched", "EnrichedArticle", "the article id", "nf-2026-0001", ANY_ID,
            "LogAppendTime: when the broker stored the record (the article's own time is `publishedAt`)", BY_KEY,
            "`streams`",
            "Every article with its company mentions, topics, sentiment and story; a revision is written again under the same key."),
        new TopicContract("company.summary", "CompanySummary", "the company id", "bytedance", ANY_ID,
            "CreateTime: the event time of the change that produced the summary (a story's `publishedAt`, or a release's `releasedAt`); `updatedAt` in the value says the same", BY_KEY,
            "`streams`",
            "Each company's totals, last 24 h, trend, sentiment, latest releases and headlines; the latest value per company is the current summary."),
        new TopicContract("stories", "Story", "the story id: the first report's article id, or "
            + "`release:<company>:<product>:<version>` for the reports of a numbered release", "release:bytedance:seedance:2.0",
            ANY_ID,
            "CreateTime: the publication time of the story's newest listed report (`updatedAt` in the value)", BY_KEY,
            "`streams`",
            "Each story: its headline (with the other language's when there is one), first report, reports, outlets, "
                + "languages, companies, products and tone; the latest value per story is current, a null value means "
                + "it has no report left."),
        new TopicContract("company.activity", "CompanyActivity", "`companyId@windowStart/window`, window `1h` or `24h`",
            ACTIVITY_KEY_EXAMPLE, ACTIVITY_KEY,
            "LogAppendTime: when the broker stored the record (the window is in the key and the value)",
            "by company id (murmur2 of the part before `@`), so one company's windows share a partition",
            "`streams`",
            "Live activity per company and window, updated as articles arrive (several records per window, at most one "
                + "per `activity.live.interval`): every open hour window, and of the day windows the trailing day (the 24 "
                + "hours ending with the current hour of stream time) and a day still within its grace; a day window "
                + "reaching past the current hour is published when it becomes the trailing day."),
        new TopicContract("company.activity.final", "CompanyActivity", "as `company.activity`",
            ACTIVITY_KEY_EXAMPLE, ACTIVITY_KEY,
            "LogAppendTime: when the broker stored the record",
            "by company id, as `company.activity`",
            "`streams`",
            "One final record per company and closed window (`closed: true`), once stream time passed its end plus `activity.grace`."),
        new TopicContract("alert.rules", "AlertRule", "the rule id", "new-releases", ANY_ID,
            "CreateTime: when `rules load` published the rule", BY_KEY,
            "`rules load|delete`, `demo`",
            "The alert rules; the latest value per rule wins, a null value deletes the rule."),
        new TopicContract("alerts", "Alert", "the alert id (a hash of the rule id and the story; also the webhook `Idempotency-Key`)",
            "alert-0a410e5c7247a5e2eb60166f", Pattern.compile("alert-[0-9a-f]+"),
            "LogAppendTime: when the broker stored the alert (the event time is `firedAt`)", BY_KEY,
            "`streams`",
            "Every alert fired, at most once per rule and story."),
        new TopicContract("dlq", "DeadLetter",
            "the key of the record refused, if it had one (an article or release id); `topic/partition@offset` when the record could not be read; the company id for `LATE_RECORD`",
            "newsflow.articles.raw/1@42", Pattern.compile(".+"),
            "LogAppendTime: when the broker stored the dead letter (`failedAt` in the value)", BY_KEY,
            "`streams`, `import`, `ingest-server`",
            "Records refused or counted late, with the reason and the source topic, partition and offset."),
        new TopicContract("alerts.dlq", "DeadLetter", "the alert id (the key of the alert that could not be delivered)",
            "alert-0a410e5c7247a5e2eb60166f", Pattern.compile(".+"),
            "LogAppendTime: when the broker stored the dead letter", BY_KEY,
            "`alerts`",
            "Alerts a webhook refused or that failed every retry, with the endpoint and reason."),
        new TopicContract("digests.delivered", "DigestDelivery",
            "`<endpoint>@<url hash>/<companyId>`: the endpoint's name, the first 12 hex digits of the SHA-256 of its URL "
                + "(two files may reuse a name; the URL itself may hold a token), the company id",
            "newsroom@3f2a9c01b7de/bytedance", Pattern.compile(".+@[0-9a-f]{12}/[^/\\s]+"),
            "CreateTime: when the outcome was known (`settledAt` in the value)", BY_KEY,
            "`alerts`",
            "The last day each webhook endpoint's daily digest of a company was settled (delivered or dead-lettered); "
                + "the latest value per key is what a restarted dispatcher resumes from."));
  }

  public static TopicContract of(String topic) {
    return all().stream().filter(c -> c.topic().equals(topic)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no contract for topic " + topic));
  }
}
