package dev.newsflow.bench.e2e;

import dev.newsflow.broker.LocalKafkaBroker;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Kafka's own latency per internal hop, without newsflow's processing: a Kafka Streams topology that only passes
 * each record on through {@code hops} repartition topics (each a sub-topology of its own, all run by one stream
 * thread, as newsflow's stages are), fed a few records a second on a fixed schedule, read back under
 * {@code read_committed}. Latency is from the record's due time to its arrival at the output, so the per-hop cost
 * of a processing guarantee and commit interval can be read off the difference between hop counts:
 *
 * <pre>
 * java -cp "app/target/newsflow.jar:app/target/lib/*" dev.newsflow.bench.e2e.HopLatency WORK_DIR [RATE [SECONDS]] \
 *     [GUARANTEE:COMMIT_MS:HOPS[:KEY=VALUE,...] ...]
 * </pre>
 *
 * Each case (default {@code exactly_once_v2:50:1 exactly_once_v2:50:3 exactly_once_v2:50:6 at_least_once:30000:3})
 * runs on fresh topics of 3 partitions on one local broker (any further Kafka Streams settings after a fourth colon);
 * it prints how many of the records due after the warm-up arrived, and their p50, p99 and largest latency in ms.
 */
public final class HopLatency {
  private static final int PARTITIONS = 3;
  private static final Duration WARM_UP = Duration.ofSeconds(10);

  private HopLatency() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: HopLatency WORK_DIR [RATE [SECONDS]] [GUARANTEE:COMMIT_MS:HOPS[:KEY=VALUE,...] ...]");
      System.exit(2);
    }
    Path work = Path.of(args[0]);
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    List<Case> cases = (args.length > 3 ? List.of(args).subList(3, args.length)
        : List.of("exactly_once_v2:50:1", "exactly_once_v2:50:3", "exactly_once_v2:50:6", "at_least_once:30000:3"))
        .stream().map(Case::parse).toList();
    Files.createDirectories(work);
    try (LocalKafkaBroker broker = LocalKafkaBroker.builder(work.resolve("kafka")).optimisingCompiler().build().start()) {
      int n = 0;
      for (Case c : cases) {
        Measured m = run(broker.bootstrapServers(), work, "hop" + n++ + "-", c, rate, seconds);
        Histogram h = m.latencies();
        System.out.printf("%s at %d/s: %d of %d records, p50 %d ms, p99 %d ms, max %d ms%n", c, rate,
            h.getTotalCount(), m.sent(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)),
            ms(h.getMaxValue()));
      }
    }
  }

  /** One measurement asked for: {@code GUARANTEE:COMMIT_MS:HOPS[:KEY=VALUE,...]}, checked before any broker starts. */
  record Case(String guarantee, int commitMs, int hops, Map<String, String> settings) {
    static Case parse(String text) {
      String[] parts = text.split(":", 4);
      if (parts.length < 3) {
        throw new IllegalArgumentException("a case is GUARANTEE:COMMIT_MS:HOPS[:KEY=VALUE,...], got '" + text + "'");
      }
      Map<String, String> settings = new LinkedHashMap<>();
      for (String kv : parts.length > 3 ? parts[3].split(",") : new String[0]) {
        String[] setting = kv.split("=", 2);
        if (setting.length != 2 || setting[0].isBlank()) {
          throw new IllegalArgumentException("a Kafka Streams setting is KEY=VALUE, got '" + kv + "' in '" + text + "'");
        }
        settings.put(setting[0], setting[1]);
      }
      if (!parts[0].equals(StreamsConfig.EXACTLY_ONCE_V2) && !parts[0].equals(StreamsConfig.AT_LEAST_ONCE)) {
        throw new IllegalArgumentException("a guarantee is exactly_once_v2 or at_least_once, got '" + text + "'");
      }
      int hops = Integer.parseInt(parts[2]);
      if (hops < 1) {
        throw new IllegalArgumentException("a case has at least 1 hop, got '" + text + "'");
      }
      return new Case(parts[0], Integer.parseInt(parts[1]), hops, settings);
    }

    @Override
    public String toString() {
      return String.format("%-16s commit %5d ms, %d hop(s)%s", guarantee, commitMs, hops,
          settings.isEmpty() ? "" : " " + settings);
    }
  }

  private static long ms(long micros) {
    return Math.round(micros / 1000.0);
  }

  /** The records due after the warm-up, and the latencies (µs) of those that arrived within 3 s of the last one's due time. */
  private record Measured(int sent, Histogram latencies) {}

  private static Measured run(String bootstrap, Path work, String prefix, Case c, int rate, int seconds)
      throws Exception {
    String in = prefix + "in";
    String out = prefix + "out";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(in, PARTITIONS, (short) 1), new NewTopic(out, PARTITIONS, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
    }
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, byte[]> stream = builder.stream(in, Consumed.with(Serdes.String(), Serdes.ByteArray()));
    for (int h = 1; h < c.hops(); h++) {
      stream = stream.repartition(Repartitioned.<String, byte[]>as("hop" + h)
          .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()));
    }
    stream.to(out, Produced.with(Serdes.String(), Serdes.ByteArray()));
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "app");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, c.guarantee());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.commitMs());
    p.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state").toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.putAll(c.settings());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), p);
         KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
             ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
             new StringSerializer(), new ByteArraySerializer());
         KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
             ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, prefix + "reader",
             ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
             new StringDeserializer(), new ByteArrayDeserializer())) {
      streams.start();
      consumer.subscribe(List.of(out));
      Histogram latencies = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
      long intervalNanos = 1_000_000_000L / rate;
      long start = System.nanoTime();
      long warmUpEnd = start + WARM_UP.toNanos();
      long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
      long next = start;
      int i = 0;
      int measured = 0;
      while (System.nanoTime() < end + TimeUnit.SECONDS.toNanos(3)) {
        long now = System.nanoTime();
        if (now >= next && next < end) {
          byte[] due = ByteBuffer.allocate(Long.BYTES).putLong(next).array();
          producer.send(new ProducerRecord<>(in, "k" + i++, due));
          if (next >= warmUpEnd) {
            measured++;
          }
          next += intervalNanos;
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(1))) {
          long dueAt = ByteBuffer.wrap(r.value()).getLong();
          if (dueAt >= warmUpEnd) {
            latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - dueAt));
          }
        }
      }
      streams.close(Duration.ofSeconds(30));
      return new Measured(measured, latencies);
    }
  }
}
