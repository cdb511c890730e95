package dev.newsflow.app.reliability;

import dev.newsflow.app.Pipeline;
import dev.newsflow.app.RuleFile;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opentest4j.AssertionFailedError;

/**
 * One reliability run of the streams stage: a seeded dataset (and poison records) published to the
 * topics of {@code config}, the streams stage in its own JVM, and the checks of its outputs against
 * the input: the enriched ids, the dead letters, each company's counts, the alert ids.
 */
final class StreamsRun implements AutoCloseable {
  /** Where a poison record landed: the dead letter must name exactly this. */
  record Position(String topic, int partition, long offset) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      return toString().compareTo(o.toString());
    }
  }

  /** How long reading one output topic to its end (read_committed, {@link TopicSnapshot}) may take. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  final NewsflowConfig config;
  final SyntheticNews news;
  final Path work;
  final Set<Position> poison = new TreeSet<>();
  private final Pipeline publisher;
  private Admin admin;

  StreamsRun(NewsflowConfig config, SyntheticNews news, Path work) {
    this.config = config;
    this.news = news;
    this.work = work;
    this.publisher = new Pipeline(config);
  }

  /**
   * The reference data published, then the streams stage started in its own JVM with {@code settings} over
   * the run's configuration.
   */
  StageJvm startStreams(Map<String, String> settings) {
    publishReferenceData();
    return StageJvm.start("streams", config, settings, List.of(), work.resolve("streams"));
  }

  /** Companies and a WATCH rule on the first five companies (so that alerts fire), before streams starts. */
  private void publishReferenceData() {
    Path data = news.writeDataset(work.resolve("data"));
    publisher.publishCompanies(data);
    Path rules = work.resolve("rules.ndjson");
    List<String> watched = news.companies().stream().limit(5).map(c -> "\"" + c.id() + "\"").toList();
    try {
      Files.writeString(rules, "{\"id\": \"watch-five\", \"type\": \"WATCH\", \"companies\": [" + String.join(", ", watched)
          + "]}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    publisher.publishRules(RuleFile.read(rules));
  }

  /** The articles, with {@code poisonCount} poison records half before and half after them. */
  void publishNews(int poisonCount, long seed) {
    List<PoisonRecords.Poison> bad = PoisonRecords.make(config, seed, poisonCount);
    publishPoison(bad.subList(0, bad.size() / 2));
    publisher.publishNews(work.resolve("data"));
    publishPoison(bad.subList(bad.size() / 2, bad.size()));
  }

  private void publishPoison(List<PoisonRecords.Poison> bad) {
    String topic = config.topics().articlesRaw().name();
    Map<String, Object> props = new java.util.HashMap<>(Map.of("bootstrap.servers", config.bootstrapServers(),
        "acks", "all", "enable.idempotence", "true"));
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
      for (PoisonRecords.Poison p : bad) {
        sent.add(raw.send(new ProducerRecord<>(topic, p.key(), p.value())));
      }
      for (var f : sent) {
        RecordMetadata m = f.get(60, TimeUnit.SECONDS);
        poison.add(new Position(m.topic(), m.partition(), m.offset()));
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish the poison records: " + e.getMessage(), e);
    }
  }

  /** Records of {@code articles.raw} the streams application has committed as processed, over all partitions. */
  long committedInput() {
    String topic = config.topics().articlesRaw().name();
    try {
      return admin().listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS).entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset()).sum();
    } catch (Exception e) {
      return 0; // the group may not exist yet
    }
  }

  /** The end offsets of {@code articles.raw} summed: every record published to it. */
  long publishedInput() {
    return endOffsets(config.topics().articlesRaw().name());
  }

  /**
   * How far the whole topology has got: the end offsets of {@code articles.enriched} summed (transaction
   * markers and aborted records included, so a rough measure, but one that moves with the last stage).
   */
  long enrichedProgress() {
    return endOffsets(config.topics().articlesEnriched().name());
  }

  private long endOffsets(String topic) {
    try {
      Map<TopicPartition, OffsetSpec> request = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
      for (int p = 0; p < config.partitions(); p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin().listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(i -> i.offset()).sum();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the outputs hold now. */
  Outcome outcome() {
    List<String> enriched = ids(config.topics().articlesEnriched());
    List<Position> letters = new ArrayList<>();
    Topic<String, DeadLetter> dlq = config.topics().deadLetters();
    for (ConsumerRecord<String, DeadLetter> r : TopicSnapshot.records(config, dlq, READ_TIMEOUT)) {
      DeadLetter d = r.value();
      letters.add(new Position(String.valueOf(d.getSourceTopic()), d.getSourcePartition() == null ? -1
          : d.getSourcePartition(), d.getSourceOffset() == null ? -1 : d.getSourceOffset()));
    }
    Map<String, Long> counts = new TreeMap<>();
    Topic<String, CompanySummary> summaries = config.topics().companySummary();
    for (ConsumerRecord<String, CompanySummary> r : TopicSnapshot.records(config, summaries, READ_TIMEOUT)) {
      if (r.value() == null) {
        counts.remove(r.key());
        continue;
      }
      long n = r.value().getArticleCount();
      if (n > 0) {
        counts.put(r.key(), n);
      } else {
        counts.remove(r.key());
      }
    }
    List<String> alerts = new ArrayList<>();
    Topic<String, Alert> alertTopic = config.topics().alerts();
    for (ConsumerRecord<String, Alert> r : TopicSnapshot.records(config, alertTopic, READ_TIMEOUT)) {
      alerts.add(r.value().getId());
    }
    ExactlyOnceCheck letterCheck = ExactlyOnceCheck.of("dead letters (source topic/partition/offset)",
        poison.stream().map(Position::toString).toList(), letters.stream().map(Position::toString).toList());
    return new Outcome(ExactlyOnceCheck.of("enriched article ids", news.articleIds(), enriched), letterCheck, counts,
        ExactlyOnceCheck.of("alert ids", new TreeSet<>(alerts), alerts));
  }

  private List<String> ids(Topic<String, EnrichedArticle> topic) {
    List<String> ids = new ArrayList<>();
    for (ConsumerRecord<String, EnrichedArticle> r : TopicSnapshot.records(config, topic, READ_TIMEOUT)) {
      ids.add(r.value().getId());
    }
    return ids;
  }

  /** The outputs of a run, each compared whole with what the input says they must be. */
  record Outcome(ExactlyOnceCheck enriched, ExactlyOnceCheck deadLetters, Map<String, Long> articleCounts,
      ExactlyOnceCheck alerts) {
    /** Everything there is to see has arrived (repeats or not). */
    boolean complete(Map<String, Long> model) {
      return enriched.complete() && deadLetters.complete() && model.equals(articleCounts);
    }

    @Override
    public String toString() {
      return enriched + "\n" + deadLetters + "\n" + alerts + "\ncompanies counted " + articleCounts.size();
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(config.kafkaProperties());
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    publisher.close();
  }

  /** Waits until the streams stage has committed every input record, then until every output is complete. */
  Outcome awaitComplete(Duration timeout, Map<String, Long> model, StageJvm streams) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long total = publishedInput();
    try {
      dev.newsflow.testkit.Poll.until(timeout, "streams to commit all " + total + " input records",
          Every.every(Duration.ofSeconds(1), () -> {
            streams.requireAlive();
            return committedInput();
          }), n -> n >= total);
      Duration left = Duration.ofNanos(Math.max(Duration.ofSeconds(30).toNanos(), deadline - System.nanoTime()));
      return dev.newsflow.testkit.Poll.until(left, "every output complete", Every.every(Duration.ofSeconds(3),
          this::outcome), o -> o.complete(model));
    } catch (AssertionFailedError e) {
      throw new AssertionFailedError(e.getMessage() + "\n" + stallReport(), e);
    }
  }

  /** The offsets, stable offsets and open transactions of every topic of this run ({@link StallReport}). */
  String stallReport() {
    String prefix = config.get(NewsflowConfig.TOPIC_PREFIX, "");
    try {
      List<String> topics = admin().listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(prefix)).sorted().toList();
      return StallReport.of(admin(), config.applicationId(), topics);
    } catch (Exception e) {
      return "(no stall report: " + e + ")";
    }
  }

  static Duration generous(int minutes) {
    return Duration.ofMinutes(minutes);
  }
}
