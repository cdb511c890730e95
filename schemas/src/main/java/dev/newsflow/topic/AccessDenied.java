package dev.newsflow.topic;

import dev.newsflow.config.NewsflowConfig;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * A secured cluster's refusal in one line for the person running newsflow: who newsflow connected as,
 * which permission it lacks and on what, e.g. {@code principal User:alice is not allowed to WRITE topic
 * newsflow.articles.raw}, instead of a client's stack trace. Never includes a secret: the principal is
 * the user name of {@code kafka.sasl.jaas.config}, nothing else of it.
 */
public final class AccessDenied {
  private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*\"?([^\"\\s;]+)\"?");

  private AccessDenied() {}

  /**
   * The principal newsflow connects as: {@code User:<name>} from {@code kafka.sasl.jaas.config} (a SCRAM
   * or PLAIN login), or {@code User:ANONYMOUS} without SASL.
   */
  public static String principal(NewsflowConfig config) {
    Optional<String> jaas = config.get(NewsflowConfig.KAFKA_PREFIX + "sasl.jaas.config");
    if (jaas.isPresent()) {
      Matcher m = USERNAME.matcher(jaas.get());
      return m.find() ? "User:" + m.group(1) : "the user of kafka.sasl.jaas.config";
    }
    String protocol = config.get(NewsflowConfig.KAFKA_PREFIX + "security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
    return protocol.startsWith("SASL") ? "the SASL user configured for this client" : "User:ANONYMOUS";
  }

  /**
   * One line for an authorization or authentication failure anywhere in {@code failure}'s causes, or
   * empty when it is none. {@code operation} is what the caller was doing to the topics (WRITE for a
   * producer, READ for a consumer, CREATE for topic creation).
   */
  public static Optional<String> explain(Throwable failure, NewsflowConfig config, String operation) {
    String who = principal(config);
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TopicAuthorizationException e) {
        String topics = e.unauthorizedTopics().isEmpty() ? "(" + e.getMessage() + ")"
            : String.join(", ", new TreeSet<>(e.unauthorizedTopics()));
        return Optional.of("principal " + who + " is not allowed to " + operation + " topic"
            + (e.unauthorizedTopics().size() > 1 ? "s " : " ") + topics);
      }
      if (t instanceof GroupAuthorizationException e) {
        return Optional.of("principal " + who + " is not allowed to READ consumer group "
            + (e.groupId() != null ? e.groupId() : "(" + e.getMessage() + ")"));
      }
      if (t instanceof TransactionalIdAuthorizationException) {
        return Optional.of("principal " + who + " is not allowed to WRITE the transactional ids of application "
            + config.get(NewsflowConfig.APPLICATION_ID, "?") + " (exactly-once processing needs them)");
      }
      if (t instanceof ClusterAuthorizationException) {
        return Optional.of("principal " + who + " is not allowed to " + operation + " on the Kafka cluster at "
            + config.get(NewsflowConfig.BOOTSTRAP_SERVERS, "?"));
      }
      if (t instanceof AuthenticationException e) {
        return Optional.of("the Kafka cluster at " + config.get(NewsflowConfig.BOOTSTRAP_SERVERS, "?")
            + " did not accept " + who + ": " + firstLine(e.getMessage()));
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "authentication failed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
