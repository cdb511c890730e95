package dev.newsflow.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.config.NewsflowConfig;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class AccessDeniedTest {
  private static final NewsflowConfig SCRAM = NewsflowConfig.builder()
      .set("bootstrap.servers", "kafka-1:9093")
      .set("kafka.security.protocol", "SASL_SSL")
      .set("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
          + "username=\"alice\" password=\"${file:/run/secrets/kafka.properties:password}\";")
      .build();

  @Test
  void namesThePrincipalThePermissionAndTheTopic() {
    Exception e = new KafkaException("send failed",
        new TopicAuthorizationException(Set.of("newsflow.articles.raw")));
    assertEquals(Optional.of("principal User:alice is not allowed to WRITE topic newsflow.articles.raw"),
        AccessDenied.explain(e, SCRAM, "WRITE"));
  }

  @Test
  void namesAConsumerGroup() {
    assertEquals(Optional.of("principal User:alice is not allowed to READ consumer group newsflow-summaries"),
        AccessDenied.explain(new GroupAuthorizationException("no", "newsflow-summaries"), SCRAM, "READ"));
  }

  @Test
  void saysWhoWasRefusedWithoutAnySecret() {
    String line = AccessDenied.explain(new SaslAuthenticationException("Authentication failed during authentication "
        + "due to invalid credentials with SASL mechanism SCRAM-SHA-512"), SCRAM, "READ").orElseThrow();
    assertEquals("the Kafka cluster at kafka-1:9093 did not accept User:alice: Authentication failed during "
        + "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512", line);
  }

  @Test
  void withoutSaslThePrincipalIsAnonymousAndOtherErrorsAreNotExplained() {
    NewsflowConfig plain = NewsflowConfig.defaults();
    assertEquals("User:ANONYMOUS", AccessDenied.principal(plain));
    assertEquals(Optional.empty(), AccessDenied.explain(new IllegalStateException("disk full"), plain, "WRITE"));
  }
}
