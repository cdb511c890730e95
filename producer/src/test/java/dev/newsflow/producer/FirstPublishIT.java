package dev.newsflow.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Company;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first publish to topics that were just created goes through. The broker shows a new partition's leader a
 * moment before that leader takes writes; an idempotent producer whose first request to a partition was refused in
 * that moment, while a later one was written, retried the first as out of order until it expired (KAFKA-15591):
 * {@code PipelineIT}'s first publish of the companies failed so. Topics are now ready for writes when
 * {@code TopicAdmin.ensure} returns; this publishes at once, with requests in flight to every partition, to topics
 * created a moment before, many times over.
 */
class FirstPublishIT {
  @TempDir Path work;

  @Test
  void everyRecordOfAFirstPublishToTopicsJustCreatedIsWritten(TestInfo test) throws Exception {
    for (int round = 0; round < 15; round++) {
      NewsflowConfig config = TestTopics.config(test.getDisplayName() + round, work, 3); // creates the topics
      Topic<String, Company> companies = config.topics().companies();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      try (RecordPublisher publisher = new RecordPublisher(config)) {
        for (int i = 0; i < 300; i++) {
          String id = "company-" + i;
          sent.add(publisher.publish(companies, id, Company.newBuilder().setId(id).setName("Company " + i).build()));
        }
        publisher.flush(); // fails, naming the cluster, if a record could not be written
      }
      int written = 0;
      for (Future<RecordMetadata> f : sent) {
        written += f.get().hasOffset() ? 1 : 0; // throws for a record that was not written
      }
      assertEquals(300, written, "round " + round);
    }
  }
}
