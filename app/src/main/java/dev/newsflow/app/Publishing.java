package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.RecordPublisher;
import dev.newsflow.topic.TopicAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/** What the ingest commands share: the topics made sure of, then a publisher. */
final class Publishing {
  private Publishing() {}

  /**
   * Creates missing topics (the companies topic must be created compacted, not auto-created) and opens
   * a publisher; an unreachable cluster fails within {@code publish.timeout} with a message naming it.
   */
  static RecordPublisher open(NewsflowConfig config) {
    return open(config, new CompositeMeterRegistry(), "publish");
  }

  /** The same, with the publisher's meters (records out, the Kafka producer's own) in {@code registry}. */
  static RecordPublisher open(NewsflowConfig config, MeterRegistry registry, String stage) {
    ConfigOptions.validate(config);
    Duration timeout = config.getDuration(RecordPublisher.PUBLISH_TIMEOUT, Duration.ofSeconds(30));
    try (Admin admin = Admin.create(TopicAdmin.boundedAdminProperties(config.kafkaProperties(), timeout))) {
      TopicAdmin.ensure(admin, config.topics().all(), config.partitions(), config.replicationFactor(), timeout);
    }
    return new RecordPublisher(config, registry, stage);
  }

  static void say(String line) {
    System.err.println("newsflow: " + line);
  }
}
