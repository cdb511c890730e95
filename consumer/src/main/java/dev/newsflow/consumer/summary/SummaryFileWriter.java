package dev.newsflow.consumer.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.CompanyIds;
import dev.newsflow.consumer.ConsumerLoop;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.consumer.metrics.SinkMeters;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every company's latest summary from {@code company.summary} as {@code <companyId>.json} and
 * {@code <companyId>.md}, plus {@code _index.json} listing them all (an id cannot start with "_", so it never collides), each file replaced atomically.
 * Offsets are committed after the files are written, so a crash at worst writes a file again.
 */
public final class SummaryFileWriter extends ConsumerLoop<String, CompanySummary> {
  public static final String GROUP_SUFFIX = "-summary-files";
  private static final String STAGE = "summary-files";

  private static final Logger log = LoggerFactory.getLogger(SummaryFileWriter.class);
  public static final String INDEX_FILE = "_index.json";

  private final Topic<String, CompanySummary> topic;
  private final Path dir;
  private final String groupId;
  private final Map<String, CompanySummary> latest = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final SinkMeters meters;
  /**
   * Records one poll may return (Kafka's default is 500), unless {@code kafka.max.poll.records} says otherwise. A
   * batch keeps each company's latest summary only, and a company's files cost the file system two creates and two
   * renames: a writer that fell behind reads more at once, writes each company once for more of its summaries, and
   * so catches up (BENCHMARKS.md, "The summary writers alone").
   */
  static final int BATCH_RECORDS = 5_000;

  public SummaryFileWriter(NewsflowConfig config, Path dir) {
    this(config, dir, new CompositeMeterRegistry());
  }

  /** A writer whose meters ({@link SinkMeters}, stage {@code summary-files}) go to {@code registry}. */
  public SummaryFileWriter(NewsflowConfig config, Path dir, MeterRegistry registry) {
    super(consumerProperties(config, groupId(config, dir)),
        config.topics().companySummary().keySerde().deserializer(),
        config.topics().companySummary().valueSerde().deserializer(),
        "summary-file-writer", "summary writer stopped", Duration.ofSeconds(10));
    this.topic = config.topics().companySummary();
    this.dir = dir;
    this.groupId = groupId(config, dir);
    this.meters = new SinkMeters(registry, STAGE, topic.name(), consumer);
  }

  private static Map<String, Object> consumerProperties(NewsflowConfig config, String groupId) {
    Map<String, Object> props = SinkConsumers.inGroup(config, groupId, "newsflow-summary-files");
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH_RECORDS); // the user's kafka.max.poll.records wins
    return props;
  }

  /** The group of a writer to {@code dir}: tied to the folder, so writers to two folders each get everything. */
  public static String groupId(NewsflowConfig config, Path dir) {
    return SinkConsumers.groupFor(config, GROUP_SUFFIX, dir.toAbsolutePath().normalize().toString());
  }

  /** This writer's consumer group. */
  public String groupId() {
    return groupId;
  }

  /** Runs the writer on its own thread. */
  public SummaryFileWriter start() {
    startThread(false);
    return this;
  }

  /** The latest summary of every company written so far. */
  public Map<String, CompanySummary> latest() {
    return Map.copyOf(latest);
  }

  @Override
  protected void open() {
    try {
      loadExisting();
    } catch (IOException e) {
      throw cannotWrite(e);
    }
    consumer.subscribe(Set.of(topic.name()));
  }

  @Override
  protected void pollOnce() {
    ConsumerRecords<String, CompanySummary> records = consumer.poll(Duration.ofMillis(500));
    if (!records.isEmpty()) {
      meters.read(records.count());
      Map<String, CompanySummary> batch = new HashMap<>();
      for (ConsumerRecord<String, CompanySummary> r : records) {
        batch.put(r.key(), r.value()); // later records of a key replace earlier ones
      }
      try {
        write(batch);
      } catch (IOException e) {
        throw cannotWrite(e);
      }
      meters.wrote(batch.size());
    }
    commitPosition();
    meters.sampleLag(consumer);
  }

  private UncheckedIOException cannotWrite(IOException e) {
    return new UncheckedIOException("cannot write summaries to " + dir, e);
  }

  @Override
  protected void release() {
    meters.close();
  }

  /**
   * Commits where the consumer stands. The position also moves past transaction markers, which no
   * record reports, so committing it after an empty poll lets lag reach zero on a transactional topic.
   */
  private void commitPosition() {
    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      long position = consumer.position(tp);
      if (!Long.valueOf(position).equals(committed.get(tp))) {
        positions.put(tp, new OffsetAndMetadata(position));
      }
    }
    if (!positions.isEmpty()) {
      consumer.commitSync(positions);
      positions.forEach((tp, o) -> committed.put(tp, o.offset()));
    }
  }

  /** Summaries written by an earlier run stay in the index: the consumer resumes after them. */
  private void loadExisting() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    int leftovers = AtomicFiles.removeLeftovers(dir);
    if (leftovers > 0) {
      // A writer killed between writing aside and renaming leaves its temporary file; the summary it held
      // is read again from the topic, since its offset was never committed.
      log.info("removed {} temporary files an interrupted writer left in {}", leftovers, dir);
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".json".length());
        if (!CompanyIds.isValid(id) || name.equals(INDEX_FILE)) {
          continue;
        }
        try {
          latest.put(id, CanonicalJson.read(Files.readString(file), CompanySummary.class));
        } catch (RuntimeException e) {
          log.warn("ignoring unreadable summary file {}: {}", file, e.getMessage());
        }
      }
    }
  }

  private void write(Map<String, CompanySummary> batch) throws IOException {
    for (Map.Entry<String, CompanySummary> e : batch.entrySet()) {
      String id = e.getKey();
      if (!CompanyIds.isValid(id)) {
        log.warn("summary with key {} skipped: a company id must be a lowercase slug to name a file", id);
        continue;
      }
      if (e.getValue() == null) {
        latest.remove(id);
        Files.deleteIfExists(dir.resolve(id + ".json"));
        Files.deleteIfExists(dir.resolve(id + ".md"));
        continue;
      }
      AtomicFiles.write(dir.resolve(id + ".json"), CanonicalJson.writePretty(e.getValue()) + "\n");
      AtomicFiles.write(dir.resolve(id + ".md"), SummaryMarkdown.render(e.getValue()));
      latest.put(id, e.getValue());
    }
    AtomicFiles.write(dir.resolve(INDEX_FILE), index());
  }

  private String index() {
    ArrayNode companies = CanonicalJson.mapper().createArrayNode();
    List<CompanySummary> sorted = new TreeMap<>(latest).values().stream()
        .sorted(Comparator.comparingLong(CompanySummary::getArticleCount).reversed()
            .thenComparing(CompanySummary::getCompanyId))
        .toList();
    for (CompanySummary s : sorted) {
      ObjectNode entry = companies.addObject();
      entry.put("companyId", s.getCompanyId());
      entry.put("name", s.getName());
      entry.put("articleCount", s.getArticleCount());
      entry.put("mentionCount", s.getMentionCount());
      entry.put("json", s.getCompanyId() + ".json");
      entry.put("markdown", s.getCompanyId() + ".md");
    }
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.set("companies", companies);
    try {
      return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
