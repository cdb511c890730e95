package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wrong setting is a usage error: status 2 and one line naming the setting, where it came from, its value and
 * what would do, before any wait for the cluster (nothing listens on port 1: a wait would end in another line).
 */
class BadSettingsTest {
  @TempDir Path dir;

  private InProcess run(String command, String... settings) {
    List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", "127.0.0.1:1",
        "-D", "state.dir=" + dir.resolve("state"), "-D", "output.dir=" + dir.resolve("out")));
    args.addAll(List.of(settings));
    if (command.equals("summaries")) {
      args.addAll(List.of("--no-jdbc", "--dir", dir.resolve("summaries").toString()));
    }
    return InProcess.run(args.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"topics", "streams", "summaries"})
  void aSettingThatIsNotANumberIsAUsageError(String command) {
    InProcess run = run(command, "-D", "topic.partitions=three");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: topic.partitions (from command line): expected a whole number, got 'three'\n", run.err());
  }

  @Test
  void anUnknownProcessingGuaranteeNamesWhereItCameFromAndWhatWouldDo() {
    InProcess run = run("streams", "-D", "processing.guarantee=exactly_once");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: processing.guarantee (from command line): must be exactly_once_v2 or at_least_once, "
        + "got 'exactly_once'\n", run.err());
  }

  @Test
  void aStreamsSettingIsCheckedBeforeTheClusterIsAskedOrAnyTopicCreated() {
    InProcess run = run("streams", "-D", "activity.top=lots");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: activity.top (from command line): expected a whole number, got 'lots'\n", run.err());
    InProcess port = run("streams", "-D", "query.port=70000");
    assertEquals(2, port.status(), port.err());
    assertTrue(port.err().startsWith("newsflow: query.port (from command line): must be from 0 to 65535, got 70000"),
        port.err());
  }

  @Test
  void aReplicationFactorOutOfRangeIsRefusedBeforeTheClusterIsAsked() {
    InProcess run = run("topics", "-D", "topic.replication.factor=0");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: topic.replication.factor (from command line): must be 1 or more (at most the number of "
        + "brokers), got 0\n", run.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "nosuchhost.invalid:9092"})
  void aBootstrapAddressKafkaCannotUseIsOneLineNotAStackTrace(String address) {
    InProcess run = InProcess.run("topics", "--bootstrap-servers", address);
    assertEquals(2, run.status(), run.err());
    String refusal = address.contains(":") ? "No resolvable bootstrap urls given in bootstrap.servers"
        : "Invalid url in bootstrap.servers: " + address;
    assertEquals("newsflow: bootstrap.servers (from command line) is '" + address + "': " + refusal
        + "; give HOST:PORT[,HOST:PORT...] of brokers whose names resolve here, e.g. --bootstrap-servers "
        + "127.0.0.1:9092\n", run.err());
  }

  @Test
  void aKafkaClientSettingOutOfRangeIsOneLine() {
    InProcess run = run("topics", "-D", "kafka.retry.backoff.ms=-1");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: the Kafka clients refused their settings (kafka.* keys, publish.timeout): Invalid value -1 "
        + "for configuration retry.backoff.ms: Value must be at least 0\n", run.err());
  }

  @Test
  void aPortThatAnswersButNotAsKafkaIsOneLineNamingWhatItSaid() throws Exception {
    try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        while (!web.isClosed()) {
          try (Socket client = web.accept()) {
            client.getInputStream().read(new byte[64]); // the request, as a web server would read it first
            client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            return; // closed at the end of the test
          }
        }
      });
      server.setDaemon(true);
      server.start();
      String address = "127.0.0.1:" + web.getLocalPort();
      InProcess run = InProcess.run("topics", "--bootstrap-servers", address);
      assertEquals(2, run.status(), run.err());
      assertEquals("newsflow: bootstrap.servers (from command line): " + address + " answers, but not as a Kafka broker: "
          + "its answer begins 48 54 54 50 2F 31 2E 31 ('HTTP/1.1'); give the port of a Kafka listener (9092 unless set "
          + "otherwise), e.g. --bootstrap-servers 127.0.0.1:9092\n", run.err());
    }
  }

  @Test
  void postgresqlsPortIsNamedAsNotKafkaInsteadOfAnOutOfMemoryError() {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
    } catch (IOException e) {
      Assumptions.abort("no PostgreSQL at 127.0.0.1:5432: " + e.getMessage());
    }
    InProcess run = InProcess.run("topics", "--bootstrap-servers", "127.0.0.1:5432", "-D", "publish.timeout=5s");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().startsWith("newsflow: bootstrap.servers (from command line): 127.0.0.1:5432 answers, but not "
        + "as a Kafka broker: its answer begins 45 "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }
}
