package dev.newsflow.topic;

import dev.newsflow.wire.FingerprintIndex;
import dev.newsflow.wire.SchemaHistory;
import dev.newsflow.wire.ValueFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Writes {@code docs/topics.md}, the topic contract for readers in any language, from the registry
 * ({@link Topics}), each topic's {@link TopicContract}, the configs {@link TopicAdmin} creates topics
 * with and the schema history. {@code TopicsDocTest} fails when the committed page differs.
 */
public final class TopicsDoc {
  private TopicsDoc() {}

  public static String markdown() {
    Topics topics = Topics.defaults();
    Map<String, String> fingerprints = FingerprintIndex.entries(SchemaHistory.bundled());
    StringBuilder md = new StringBuilder();
    md.append("""
        # The topic contract

        <!-- Generated from the topic registry (schemas/.../topic/TopicContract.java, TopicsDoc.java):
             edit those, then run `mvn -pl schemas test -Dtest=TopicsDocTest` and copy the page it writes. -->

        What a program in any language needs to read (and, for the input topics, write) newsflow's topics.
        Names are shown with the default `topic.prefix`, `newsflow.`. The reference clients in
        [`clients/`](../clients/README.md) follow this page and are tested against a real broker in CI.

        ## Every topic

        - **Keys** are UTF-8 strings (Kafka's `StringSerializer`), never null.
        - **Values** are Avro in single-object encoding: bytes `C3 01`, the writer schema's 8-byte
          CRC-64-AVRO fingerprint, then the Avro binary body. Look the fingerprint up in
          [`schemas/fingerprints.json`](../schemas/fingerprints.json) (hex of bytes 2..9 as they appear) to
          find the writer's self-contained `.avsc` file; every released version stays listed, so old records
          stay readable. The fingerprint rule and the python-avro pitfall are in
          [`schemas/README.md`](../schemas/README.md#reading-from-another-language); test vectors for every
          record type are in [`schemas/test-vectors/`](../schemas/test-vectors). The output topics can be
          written as plain JSON instead (below).
        - **A null value** (tombstone) on a compacted topic deletes the key.
        - **Transactions**: the streams application writes with `exactly_once_v2`, so its output topics hold
          transaction commit markers and, after a crash, records of aborted transactions. Read with
          `isolation.level=read_committed` (librdkafka, kcat and confluent-kafka-python default to it;
          say so explicitly anyway). The end offset (high watermark) counts the markers too: a topic whose
          end offset is 205 may deliver 178 records, so never wait until you have read "end offset" records.
          To stop at the end, use partition EOF (librdkafka's `enable.partition.eof=true`, kcat's `-e`) or
          compare the consumer's position, not a record count, with the end offsets taken at the start.
        - **Partitions**: `topic.partitions` (default 3) when newsflow creates the topic. Order is kept per
          key only; newsflow's results never depend on the order across partitions.
        - **Retention**: compacted topics keep the latest value of every key; the others keep what the
          broker's `log.retention.*` says (Kafka's default: 7 days) counted from when each record arrived
          (`LogAppendTime`), so an archive of old news is kept as long as fresh news. Set `retention.ms` per
          topic with `kafka-configs.sh` to keep more.
        - **Record times ahead of the clock**: the compacted topics newsflow creates, and the internal topics of the
          streams application, keep each record's own time (CreateTime), which is an event time and may be up to
          `articles.max.future` (1 day) ahead of the clock. They are created with `message.timestamp.after.max.ms` at
          its maximum: Kafka 4 refuses by default a record stamped more than an hour ahead, and one such article
          stopped the stream threads. Topics created by an earlier version keep the broker's default: raise it with
          `kafka-configs.sh --alter --entity-type topics --entity-name TOPIC --add-config
          message.timestamp.after.max.ms=9223372036854775807` (or on the brokers, `log.message.timestamp.after.max.ms`).

        ## Output format: Avro or JSON

        `output.format=avro|json` (default `avro`) sets how the output topics (%s) are
        written; `output.format.<topic>` sets one of them (`output.format.company.summary=json`). With `json`
        each value is the record's canonical JSON (the same as `newsflow tail` prints and the files hold:
        camelCase fields, absent optional fields left out, timestamps as ISO-8601 UTC text), so tools that
        read plain JSON take them unchanged: Kafka Connect's `JsonConverter` with `schemas.enable=false`,
        ksqlDB streams and tables declared with `VALUE_FORMAT='JSON'`, Flink SQL's `'format' = 'json'`, and
        `kcat`. Every record of an output topic carries a `content-type` header: `%s` or `%s`. newsflow's
        own readers (summary writers, alert dispatcher, feed gateway, `tail`) follow the header, and for a
        record without one look at its first bytes (`C3 01`: Avro; `{`: JSON), so a topic may hold both after
        the format is changed. The input topics (`articles.raw`, `releases.raw`, `companies`, `alert.rules`)
        take Avro only: a JSON value there is dead-lettered as "not Avro single-object encoding". To publish
        JSON, go through `ingest-server` (root README, "Publish from any language").
        """.formatted(String.join(", ", Topics.OUTPUTS.stream().map(t -> "`" + t + "`").toList()),
            ValueFormat.AVRO.contentType(), ValueFormat.JSON.contentType()));
    md.append("\n## The topics\n");
    for (Topic<String, ?> topic : topics.all()) {
      String name = topic.name().substring(topics.prefix().length());
      TopicContract c = TopicContract.of(name);
      Map<String, String> configs = TopicAdmin.configs(topic, Replication.forBrokers(1)); // cleanup and retention only
      md.append("\n### `").append(topic.name()).append("`\n\n").append(c.about()).append("\n\n");
      md.append("| | |\n| --- | --- |\n");
      row(md, "key", c.key() + ", e.g. `" + c.keyExample() + "`");
      row(md, "value", "`" + c.record() + "`: " + versions(c.record(), fingerprints));
      row(md, "cleanup policy", configs.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
      row(md, "timestamp", c.timestamp());
      row(md, "headers", Topics.OUTPUTS.contains(name)
          ? "`content-type`: `" + ValueFormat.AVRO.contentType() + "` or `" + ValueFormat.JSON.contentType() + "` (`output.format`)"
          : "none");
      row(md, "partitioning", c.partitioning());
      row(md, "retention", topic.compacted() ? "compacted: the latest value per key, forever"
          : "the broker's default (`log.retention.*`), from arrival");
      row(md, "written by", c.writtenBy());
    }
    md.append("""

        ## Internal topics: ignore them

        Topics whose names start with the streams application's `application.id` and a dash (default
        `newsflow-`, a dash where the public topics have a dot: `newsflow-company-summaries-changelog`,
        `newsflow-articles-by-id-repartition`, ...) are Kafka Streams' own state changelogs and repartition
        topics: their contents and names change with the
        topology and they are not a contract. So are `__consumer_offsets` and `__transaction_state`.
        Consumer groups whose ids start with the `application.id` belong to newsflow's stages: give your
        consumers a group id of their own.
        """);
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String text) {
    md.append("| ").append(name).append(" | ").append(text.replace("|", "\\|")).append(" |\n");
  }

  private static String versions(String record, Map<String, String> fingerprints) {
    List<String> files = fingerprints.entrySet().stream()
        .filter(e -> e.getValue().contains("/history/" + record + "/"))
        .sorted(Map.Entry.comparingByValue())
        .map(e -> "[" + e.getValue().substring(e.getValue().lastIndexOf('/') + 1, e.getValue().length() - 5) + "](../schemas/"
            + e.getValue() + ") `" + e.getKey() + "`")
        .toList();
    return String.join(", ", files);
  }
}
