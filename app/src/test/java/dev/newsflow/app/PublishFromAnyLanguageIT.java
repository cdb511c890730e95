package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.Article;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's "Publish from any language" examples, run as printed (only the address and topic
 * names changed) against the ingest server {@code demo} starts: curl, Python's standard library, and a
 * kcat consumer piped into curl. Every article they send reaches {@code articles.raw} as Avro.
 */
class PublishFromAnyLanguageIT {
  @TempDir Path dir;

  @Test
  void theReadmeExamplesPublishThroughTheIngestServer(TestInfo test) throws Exception {
    ReferenceClientsIT.requirePython();
    ReferenceClientsIT.requireKcat();
    // 1. the ingest server on a free port, as demo starts it, and a JSON topic for kcat to read
    NewsflowConfig config = TestTopics.config(test.getDisplayName(), dir, 3).with("ingest.port", "0");
    String jsonTopic = config.topics().prefix() + "my.articles.json";
    try (Admin admin = Admin.create(Map.copyOf(config.kafkaProperties()))) {
      admin.createTopics(List.of(new NewTopic(jsonTopic, Optional.of(1), Optional.empty()))).all().get();
    }
    Process produce = new ProcessBuilder("kcat", "-b", KafkaFixture.bootstrapServers(), "-P", "-t", jsonTopic).start();
    produce.getOutputStream().write("""
        {"id": "kcat-1", "title": "Unitree ships a humanoid", "body": "Unitree shipped a humanoid robot.", "publishedAt": "2026-03-10T12:00:00Z"}
        {"id": "kcat-2", "title": "NVIDIA ships a chip", "body": "NVIDIA shipped a chip.", "publishedAt": "2026-03-10T13:00:00Z"}
        """.getBytes(StandardCharsets.UTF_8));
    produce.getOutputStream().close();
    assertEquals(0, ReferenceClientsIT.finish(produce, dir.resolve("kcat-produce.out")),
        ReferenceClientsIT.read(dir.resolve("kcat-produce.out.err")));

    try (Pipeline pipeline = new Pipeline(config)) {
      String url = "http://127.0.0.1:" + pipeline.startIngestServer();
      String section = section(Files.readString(ReferenceClientsIT.ROOT.resolve("README.md"), StandardCharsets.UTF_8));
      String shell = block(section, "```sh\n").replace("http://127.0.0.1:8081", url)
          .replace("HOST:PORT", KafkaFixture.bootstrapServers()).replace("my.articles.json", jsonTopic);
      String python = block(section, "```python\n").replace("http://127.0.0.1:8081", url);

      // 2. the shell examples (curl; kcat into curl) and the Python one, as the README prints them
      Process sh = new ProcessBuilder("bash", "-euo", "pipefail", "-c", shell).start();
      assertEquals(0, ReferenceClientsIT.finish(sh, dir.resolve("sh.out")), ReferenceClientsIT.read(dir.resolve("sh.out.err")));
      Process py = new ProcessBuilder(ReferenceClientsIT.PYTHON, "-c", python).start();
      assertEquals(0, ReferenceClientsIT.finish(py, dir.resolve("py.out")), ReferenceClientsIT.read(dir.resolve("py.out.err")));
      String answers = ReferenceClientsIT.read(dir.resolve("sh.out")) + ReferenceClientsIT.read(dir.resolve("py.out"));
      assertEquals(4, answers.split("\"status\":\"accepted\"", -1).length - 1, "every article accepted: " + answers);

      // 3. every article is on articles.raw, in Avro
      Map<String, Article> raw = Poll.until(Duration.ofMinutes(1), "the four articles on articles.raw",
          () -> TopicSnapshot.read(config, config.topics().articlesRaw(), Duration.ofSeconds(30)), m -> m.size() >= 4);
      assertEquals(new TreeSet<>(List.of("my-article-1", "my-article-2", "kcat-1", "kcat-2")), new TreeSet<>(raw.keySet()));
      assertEquals("Alibaba ships Qwen 3.6", raw.get("my-article-2").getTitle());
    }
  }

  private static String section(String readme) {
    int start = readme.indexOf("## Publish from any language");
    return readme.substring(start, readme.indexOf("\n## ", start + 5));
  }

  private static String block(String section, String fence) {
    int start = section.indexOf(fence) + fence.length();
    return section.substring(start, section.indexOf("```", start));
  }
}
