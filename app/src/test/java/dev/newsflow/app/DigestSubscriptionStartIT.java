package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.alerts.AlertDispatcher;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.TestTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsflow alerts} with a digest subscription, against the sample's companies on a real broker: a
 * company missing from the companies topic or a time that is no time stops it at start with a line that
 * names the endpoint, and a right one starts.
 */
class DigestSubscriptionStartIT {
  @TempDir Path work;

  @Test
  void aDigestOfAnUnknownCompanyOrAtAnImpossibleTimeIsRefusedAtStartAndARightOneStarts(TestInfo test) throws Exception {
    // 1. the sample's companies on the companies topic
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), work, 1);
    try (Pipeline pipeline = new Pipeline(config)) {
      pipeline.publishCompanies(PipelineIT.SAMPLE);
    }

    // 2. a company the topic does not hold
    InProcess unknown = alerts(config, hooks("unknown.json", "\"companies\": [\"bytedanse\"], \"at\": \"08:00\""));
    assertNotEquals(0, unknown.status());
    assertTrue(unknown.err().contains(work.resolve("unknown.json") + ": endpoint 'morning': digests: no company "
        + "'bytedanse' in the companies topic ("), unknown.err());

    // 3. a time that is no time of day
    InProcess late = alerts(config, hooks("late.json", "\"companies\": [\"bytedance\"], \"at\": \"25:00\""));
    assertNotEquals(0, late.status());
    assertTrue(late.err().contains(work.resolve("late.json") + ": endpoint 'morning': digests: at must be a time of "
        + "day as HH:mm (00:00 to 23:59), got 25:00"), late.err());

    // 4. a right one starts, with its schedule
    Path right = hooks("right.json", "\"companies\": [\"bytedance\"], \"at\": \"08:00\", \"zone\": \"Asia/Shanghai\"");
    try (AlertDispatcher dispatcher = AlertsCommand.startDispatcher(config, right, Map.of(), new SimpleMeterRegistry())) {
      assertEquals(Set.of("bytedance"), dispatcher.endpoints().get(0).digests().companies());
    }
  }

  private Path hooks(String name, String digests) throws Exception {
    return Files.writeString(work.resolve(name), "{\"endpoints\": [{\"name\": \"morning\", \"url\": "
        + "\"http://127.0.0.1:9/hooks\", \"secret\": \"s\", \"digests\": {" + digests + "}}]}");
  }

  private static InProcess alerts(NewsflowConfig config, Path hooks) {
    return InProcess.run("alerts", "--subscriptions", hooks.toString(), "--bootstrap-servers",
        KafkaFixture.bootstrapServers(), "-D", "topic.prefix=" + config.topics().prefix());
  }
}
