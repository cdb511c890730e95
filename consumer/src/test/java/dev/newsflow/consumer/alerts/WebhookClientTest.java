package dev.newsflow.consumer.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a failed connection is logged and dead-lettered as: the JDK's client gives both cases without a message. */
class WebhookClientTest {
  private final WebhookClient client = new WebhookClient(Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC());

  @Test
  void aRefusedConnectionAndAHostThatDoesNotResolveAreToldApart() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort(); // nothing listens there once closed
    }
    assertEquals("connection failed: refused or closed by 127.0.0.1", reason("http://127.0.0.1:" + closed + "/hook"));
    // .invalid never resolves (RFC 2606); before, both were "connection failed: ConnectException"
    assertEquals("connection failed: the host name no-such-host.invalid does not resolve",
        reason("http://no-such-host.invalid/hook"));
  }

  private String reason(String url) throws Exception {
    WebhookEndpoint endpoint = new WebhookEndpoint("test", URI.create(url), WebhookEndpoint.Format.JSON, "secret",
        Set.of(), Set.of(), Set.of());
    WebhookClient.Attempt attempt = client.post(endpoint, "key", "{}".getBytes(StandardCharsets.UTF_8), 1)
        .get(30, TimeUnit.SECONDS);
    assertEquals(WebhookClient.Attempt.Result.RETRY, attempt.result());
    return attempt.reason();
  }
}
