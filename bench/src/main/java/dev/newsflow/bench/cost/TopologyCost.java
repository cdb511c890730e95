package dev.newsflow.bench.cost;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.streams.NewsflowStreams;
import dev.newsflow.streams.NewsflowTopology;
import dev.newsflow.streams.aggregate.AggregationSettings;
import dev.newsflow.streams.enrich.DedupSettings;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * What the streams application's own code costs per article, without Kafka: the whole topology
 * ({@link NewsflowTopology}, every stage and store, RocksDB included) in a {@link TopologyTestDriver}, fed the
 * bench's seeded articles in one thread. The driver forwards each record through every sub-topology at
 * once and commits after each input record, so the figure is the processing cost (serdes, stores, logic)
 * with no network, no transactions and no waiting: the ceiling the stream thread could reach on one core.
 *
 * <p>{@code java -cp ... dev.newsflow.bench.cost.TopologyCost [articles] [warm-up] [rate] [key=value...]}: the
 * rate (articles per second of event time, default 500) spaces the articles' {@code publishedAt}, and the
 * driver's wall clock advances at the same pace, so that hours, windows, punctuations and the memory sweep
 * advance as in a live run at that rate; {@code key=value} pairs are newsflow settings
 * (e.g. {@code activity.live.interval=5s}).
 */
public final class TopologyCost {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  /** CPU nanoseconds the last {@link #run} spent generating its articles (not the topology's). */
  private static long generation;

  private TopologyCost() {}

  public static void main(String[] args) throws IOException {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    double rate = args.length > 2 ? Double.parseDouble(args[2]) : 500;
    List<String> settings = List.of(args).subList(Math.min(3, args.length), args.length);
    withTopology(rate, settings, fed -> {
      fed.send(0, warmUp);
      long cpuBefore = THREADS.getCurrentThreadCpuTime();
      double seconds = fed.send(warmUp, articles) / 1e9;
      // CPU time of this thread (RocksDB's calls included: they run in it) moves far less with the machine's
      // load than the elapsed time; the articles were generated before the clock started.
      double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuBefore - generation) / 1e9;
      System.out.printf("%d articles after %d of warm-up: %.1f s, %.0f articles/s, %.0f us an article; "
          + "CPU %.0f us an article%n", articles, warmUp, seconds, articles / seconds, seconds * 1e6 / articles,
          cpuSeconds * 1e6 / articles);
      printRecordsWritten(fed.driver(), articles + warmUp);
    });
  }

  /** The topology in a driver, given the bench's companies and watch rule, ready for {@link #send}. */
  public record Fed(TopologyTestDriver driver, TestInputTopic<String, Article> raw, SyntheticNews.Feed feed,
      Instant start, double rate) {
    /** Sends the bench's articles {@code from} to {@code from + count}; returns the nanoseconds it took. */
    public long send(long from, int count) {
      return run(driver, raw, feed, start, rate, from, count);
    }
  }

  /**
   * The company summaries the whole topology publishes for the bench's first {@code articles} articles (1,000
   * companies, seed 42, {@code rate} articles a second of event time), in order, as the bytes on
   * {@code company.summary} (key and Avro value): real summaries, with real headlines, releases and digests, for
   * measuring the summary writers alone ({@code newsflow bench --sinks}).
   */
  public static List<KeyValue<byte[], byte[]>> summaries(int articles, double rate) {
    List<KeyValue<byte[], byte[]>> out = new java.util.ArrayList<>();
    try {
      withTopology(rate, List.of(), fed -> {
        fed.send(0, articles);
        fed.driver().createOutputTopic(Topics.defaults().companySummary().name(), new ByteArrayDeserializer(),
            new ByteArrayDeserializer()).readRecordsToList().forEach(r -> out.add(KeyValue.pair(r.key(), r.value())));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the topology for the summaries: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Builds the whole topology in a driver (state in a temporary folder, removed after), with 1,000 companies and
   * the bench's watch rule; {@code settings}: newsflow {@code key=value} settings; {@code rate}: articles per
   * second of event time.
   */
  public static void withTopology(double rate, List<String> settings, java.util.function.Consumer<Fed> use)
      throws IOException {
    Path state = Files.createTempDirectory("topology-cost");
    Topics topics = Topics.defaults();
    NewsflowConfig.Builder builder = NewsflowConfig.builder()
        .set(NewsflowConfig.STATE_DIR, state.toString())
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, "unused:9092");
    for (String setting : settings) {
      String[] kv = setting.split("=", 2);
      builder.set(kv[0], kv[1]);
    }
    NewsflowConfig config = builder.build();
    Properties props = NewsflowStreams.streamsConfig(config);
    List<Company> companies = SyntheticNews.companies(1_000, 42);
    SyntheticNews.Feed feed = SyntheticNews.feed(companies, SyntheticNews.Mix.standard(), 42);
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    try (TopologyTestDriver driver = new TopologyTestDriver(NewsflowTopology.build(topics,
        AggregationSettings.from(config), DedupSettings.from(config), props), props, start)) {
      TestInputTopic<String, Company> companyTopic = input(driver, topics.companies());
      companies.forEach(c -> companyTopic.pipeInput(c.getId(), c));
      input(driver, topics.alertRules()).pipeInput("bench-watch", AlertRule.newBuilder().setId("bench-watch")
          .setType("WATCH").setDescription("bench").setKeywords(List.of(feed.mix().watchKeyword())).build());
      use.accept(new Fed(driver, input(driver, topics.articlesRaw()), feed, start, rate));
    } finally {
      delete(state);
    }
  }

  /**
   * Sends articles {@code from} to {@code from + count} (generated beforehand, so that only the topology is
   * timed) and returns the nanoseconds it took.
   */
  private static long run(TopologyTestDriver driver, TestInputTopic<String, Article> raw, SyntheticNews.Feed feed,
      Instant start, double rate, long from, int count) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    List<Article> batch = new java.util.ArrayList<>(count);
    for (long i = from; i < from + count; i++) {
      batch.add(feed.article(i, start.plusNanos((long) (i * 1e9 / rate))));
    }
    generation = THREADS.getCurrentThreadCpuTime() - cpu;
    long t0 = System.nanoTime();
    long i = from;
    for (Article a : batch) {
      raw.pipeInput(a.getId(), a, a.getPublishedAt());
      if (i++ % 500 == 0) {
        driver.advanceWallClockTime(java.time.Duration.ofMillis((long) (500 * 1000 / rate)));
      }
    }
    return System.nanoTime() - t0;
  }

  /**
   * Records and bytes (key and value) written to each topic (outputs, repartition topics and changelogs:
   * every record the stream thread's producer sends) per input article, most records first: the fan-out
   * each article costs in Kafka. The driver commits after every input record, so a cached store's
   * repeated writes of one key are counted each time (a live run collapses those within a commit interval).
   */
  private static void printRecordsWritten(TopologyTestDriver driver, int articles) {
    java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
    for (String topic : driver.producedTopicNames()) {
      var out = driver.createOutputTopic(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
          new org.apache.kafka.common.serialization.ByteArrayDeserializer());
      long[] c = new long[2];
      for (var r : out.readRecordsToList()) {
        c[0]++;
        c[1] += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
      }
      counts.put(topic, c);
    }
    long total = counts.values().stream().mapToLong(c -> c[0]).sum();
    long bytes = counts.values().stream().mapToLong(c -> c[1]).sum();
    System.out.printf("records written per article: %.2f in all, %.0f bytes%n", (double) total / articles,
        (double) bytes / articles);
    counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .forEach(e -> System.out.printf("  %8.3f  %9.0f B  %s%n", (double) e.getValue()[0] / articles,
            (double) e.getValue()[1] / articles, e.getKey()));
  }

  private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde().serializer());
  }

  private static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
