package dev.newsflow.bench.e2e;

import dev.newsflow.bench.SyntheticNews;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.schema.Article;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * What Kafka itself does with the same articles on the same broker, the ceilings the pipeline is
 * compared with: B0, the broker's pass-through (newsflow's own publisher into a topic, a plain consumer
 * out of it), and B1, a Kafka Streams identity topology under {@code exactly_once_v2} from that topic to
 * another, bytes in and bytes out.
 *
 * @param cluster  the connection settings
 * @param prefix   topics are named {@code prefix}b0 and {@code prefix}b1
 * @param stateDir the state directory of the B1 topology
 */
record KafkaCeilings(NewsflowConfig cluster, String prefix, Path stateDir) {
  /** Distinct articles encoded once and sent round-robin, so that encoding is not what is measured. */
  private static final int POOL = 5_000;

  /** B0: {@code count} articles produced as fast as the publisher takes them; records/s from first send to last read. */
  double passThrough(SyntheticNews.Feed feed, int count) throws InterruptedException {
    Topic<String, byte[]> in = bytesTopic(prefix + "b0");
    Topic<String, byte[]> out = bytesTopic(prefix + "b1");
    createTopics(List.of(in, out));
    List<byte[]> pool = encode(feed, Math.min(POOL, count));
    try (Counter counter = new Counter(in.name(), count)) {
      long start = System.nanoTime();
      try (RecordPublisher publisher = EndToEndBench.patientPublisher(cluster)) {
        for (int i = 0; i < count; i++) {
          publisher.publish(in, SyntheticNews.Feed.id(i), pool.get(i % pool.size()));
        }
        publisher.flush();
      }
      long end = counter.awaitAll(Duration.ofMinutes(2));
      return count / ((end - start) / 1e9);
    }
  }

  /**
   * B1: an identity topology under {@code exactly_once_v2} over the {@code count} records B0 left in its
   * topic; records/s from the moment the application runs to the last output committed and read.
   */
  double streamsIdentity(int count) throws InterruptedException {
    String in = prefix + "b0";
    String out = prefix + "b1";
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in, Consumed.with(Serdes.String(), Serdes.ByteArray())).to(out, Produced.with(Serdes.String(), Serdes.ByteArray()));
    Properties props = new Properties();
    props.putAll(cluster.kafkaProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "b1-identity");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    try (Counter counter = new Counter(out, count);
        KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      CountDownLatch running = new CountDownLatch(1);
      long[] runningAt = new long[1];
      streams.setStateListener((now, before) -> {
        if (now == KafkaStreams.State.RUNNING && running.getCount() > 0) {
          runningAt[0] = System.nanoTime();
          running.countDown();
        }
      });
      streams.start();
      if (!running.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the identity topology did not reach RUNNING within 60 s");
      }
      long end = counter.awaitAll(Duration.ofMinutes(2));
      streams.close(Duration.ofSeconds(10));
      return count / ((end - runningAt[0]) / 1e9);
    }
  }

  private List<byte[]> encode(SyntheticNews.Feed feed, int n) {
    Topic<String, Article> articles = cluster.topics().articlesRaw();
    Instant now = Instant.now();
    List<byte[]> pool = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pool.add(articles.valueSerde().serializer().serialize(articles.name(), feed.article(i, now)));
    }
    return pool;
  }

  private void createTopics(List<Topic<String, byte[]>> topics) {
    Duration timeout = Duration.ofSeconds(30);
    try (Admin admin = Admin.create(TopicAdmin.boundedAdminProperties(cluster.kafkaProperties(), timeout))) {
      TopicAdmin.ensure(admin, topics, cluster.partitions(), cluster.replicationFactor(), timeout);
    }
  }

  private static Topic<String, byte[]> bytesTopic(String name) {
    return new Topic<>(name, Serdes.String(), Serdes.ByteArray(), false);
  }

  /** Reads a topic from its start on its own thread (committed records only) and notes when the last expected one arrives. */
  private final class Counter implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final long expected;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long doneAt;
    private volatile long read;

    Counter(String topic, long expected) {
      Map<String, Object> props = new HashMap<>(cluster.kafkaProperties());
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-counter");
      this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      this.expected = expected;
      this.thread = new Thread(this::count, "bench-counter-" + topic);
      thread.setDaemon(true);
      thread.start();
    }

    private void count() {
      try {
        while (read < expected) {
          read += consumer.poll(Duration.ofMillis(100)).count();
        }
        doneAt = System.nanoTime();
        done.countDown();
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        // closed before the end
      }
    }

    /** Waits for the last expected record; returns when it was read ({@link System#nanoTime()}). */
    long awaitAll(Duration timeout) throws InterruptedException {
      if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("only " + read + " of " + expected + " records arrived within "
            + timeout.toSeconds() + " s");
      }
      return doneAt;
    }

    @Override
    public void close() throws InterruptedException {
      consumer.wakeup();
      thread.join(5_000);
      consumer.close(Duration.ofSeconds(2));
    }
  }
}
