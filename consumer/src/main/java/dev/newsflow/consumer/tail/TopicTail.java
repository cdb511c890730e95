package dev.newsflow.consumer.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.SinkConsumers;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.topic.Topic;
import dev.newsflow.topic.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints a newsflow topic as canonical JSON, one record per line, for people and scripts that want to
 * see what a topic carries. Reads every partition without a consumer group (it commits nothing and
 * disturbs no one), from the end or from the beginning.
 */
public final class TopicTail implements AutoCloseable {
  /** What to print and when to stop. */
  public record Options(boolean fromBeginning, String company, boolean withMetadata, long maxRecords, boolean untilEnd) {}

  private final Topic<String, ?> topic;
  private final Options options;
  private final KafkaConsumer<String, byte[]> consumer;
  private volatile boolean closing;

  public TopicTail(NewsflowConfig config, Topic<String, ?> topic, Options options) {
    this.topic = topic;
    this.options = options;
    this.consumer = new KafkaConsumer<>(SinkConsumers.withoutGroup(config, "newsflow-tail"), new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /** A topic by its registry name ({@code articles.enriched}) or its full name ({@code newsflow.articles.enriched}). */
  public static Topic<String, ?> resolve(Topics topics, String name) {
    for (Topic<String, ?> t : topics.all()) {
      if (t.name().equals(name) || t.name().equals(topics.prefix() + name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no newsflow topic " + name + "; the topics are "
        + String.join(", ", names(topics)));
  }

  /** Every topic by its registry name ({@code articles.enriched}), in the registry's order. */
  public static List<String> names(Topics topics) {
    return topics.all().stream().map(t -> t.name().substring(topics.prefix().length())).toList();
  }

  /** Prints records until closed, or until {@code maxRecords} or the end; returns how many it printed. */
  public long run(PrintStream out, PrintStream err) {
    List<TopicPartition> partitions = SinkConsumers.partitions(consumer, topic.name());
    consumer.assign(partitions);
    if (options.fromBeginning()) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    long printed = 0;
    try {
      while (!closing) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
          if (print(r, out, err)) {
            printed++;
            if (options.maxRecords() > 0 && printed >= options.maxRecords()) {
              return printed;
            }
          }
        }
        out.flush();
        if (options.untilEnd() && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
          return printed;
        }
      }
    } catch (WakeupException e) {
      // closed: Ctrl-C
    } finally {
      out.flush();
      consumer.close(Duration.ofSeconds(2));
    }
    return printed;
  }

  private boolean print(ConsumerRecord<String, byte[]> r, PrintStream out, PrintStream err) {
    JsonNode value = null;
    if (r.value() != null) {
      try {
        value = CanonicalJson.toTree((SpecificRecord) topic.valueSerde().deserializer().deserialize(r.topic(), r.headers(), r.value()));
      } catch (RuntimeException e) {
        err.printf("newsflow tail: skipped %s-%d@%d: %s%n", r.topic(), r.partition(), r.offset(), e.getMessage());
        return false;
      }
    }
    if (options.company() != null && !mentionsCompany(r.key(), value, options.company())) {
      return false;
    }
    if (options.withMetadata()) {
      ObjectNode line = CanonicalJson.mapper().createObjectNode();
      line.put("topic", r.topic()).put("partition", r.partition()).put("offset", r.offset()).put("key", r.key());
      line.put("timestamp", java.time.Instant.ofEpochMilli(r.timestamp()).toString());
      line.set("value", value);
      out.println(line);
    } else if (value != null) {
      out.println(value);
    } else {
      err.printf("newsflow tail: %s-%d@%d deletes key %s%n", r.topic(), r.partition(), r.offset(), r.key());
      return false;
    }
    return true;
  }

  /** A record is about a company when it names it: its id, release company, or one of its mentions. */
  static boolean mentionsCompany(String key, JsonNode value, String company) {
    if (value == null) {
      return company.equals(key);
    }
    for (String field : Set.of("companyId", "company")) {
      if (value.hasNonNull(field) && company.equals(value.get(field).asText())) {
        return true;
      }
    }
    if (value.has("aliases") && company.equals(value.path("id").asText())) {
      return true; // a Company record
    }
    for (JsonNode m : value.path("mentions")) {
      if (company.equals(m.path("companyId").asText())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
  }
}
