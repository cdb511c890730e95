package dev.newsflow.producer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** No broker at all: publishing must say so within {@code publish.timeout}, not hang. */
public class RecordPublisherTest {
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort(); // free once closed: nothing listens there
    }
  }

  @Test
  void anUnreachableBrokerIsReportedWithinTheTimeout() throws IOException {
    String bootstrap = "127.0.0.1:" + closedPort();
    NewsflowConfig config = NewsflowConfig.builder()
        .set(NewsflowConfig.BOOTSTRAP_SERVERS, bootstrap)
        .set(RecordPublisher.PUBLISH_TIMEOUT, "2s")
        .build();
    IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (RecordPublisher publisher = new RecordPublisher(config)) {
        RecordSink sink = new KafkaRecordSink(publisher, config.topics());
        sink.article(Article.newBuilder().setId("a1").setTitle("t").setBody("b").build());
        return assertThrows(IllegalStateException.class, sink::flush);
      }
    });
    assertTrue(e.getMessage().startsWith("cannot publish to Kafka at " + bootstrap + " within 2 s"), e.getMessage());
  }
}
