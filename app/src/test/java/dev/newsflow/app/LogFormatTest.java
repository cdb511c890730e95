package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code --log-format json}: Logback's JsonEncoder writes one parseable object per line, with the same filters. */
class LogFormatTest {
  private final PrintStream stderr = System.err;

  @AfterEach
  void restore() {
    System.setErr(stderr);
    LogFormat.TEXT.apply();
  }

  @Test
  void jsonLinesCarryLevelLoggerAndTheFormattedMessage() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    LogFormat.JSON.apply();

    LoggerFactory.getLogger("dev.newsflow.app.Pipeline").info("enriched {} articles", 42);
    LoggerFactory.getLogger("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator")
        .error("LeaveGroup request failed: This is not the correct coordinator.");
    LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("below the ERROR threshold for Kafka");

    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), "only newsflow's line passes the levels and the LeaveGroup filter: " + lines);
    JsonNode line = new ObjectMapper().readTree(lines.get(0));
    assertEquals("INFO", line.path("level").asText());
    assertEquals("dev.newsflow.app.Pipeline", line.path("loggerName").asText());
    assertEquals("enriched 42 articles", line.path("formattedMessage").asText());
    assertTrue(line.path("timestamp").asLong() > 0, lines.get(0));
  }

  @Test
  void theFlagWinsOverTheEnvironmentAndAnUnknownFormatIsRefused() {
    assertEquals(LogFormat.JSON, Main.logFormat("streams", "--log-format", "json"));
    assertEquals(LogFormat.JSON, Main.logFormat("--log-format=JSON", "demo"));
    assertEquals(LogFormat.TEXT, Main.logFormat("demo", "--log-format", "json", "--log-format", "text"));
    IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Main.logFormat("demo", "--log-format", "xml"));
    assertTrue(refused.getMessage().contains("expected text or json"), refused.getMessage());
    assertFalse(Main.run("--log-format", "xml", "--version") == 0);
  }
}
