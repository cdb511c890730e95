package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest commands' exit statuses, without a broker (dry runs and refusals). */
class IngestCommandsTest {
  @TempDir Path dir;

  @Test
  void importDryRunExitsZeroOnlyWithoutRejections() throws Exception {
    Path good = Files.writeString(dir.resolve("good.ndjson"), "{\"id\":\"a\",\"title\":\"T\",\"body\":\"B\"}\n");
    Path bad = Files.writeString(dir.resolve("bad.ndjson"), "{\"id\":\"a\",\"title\":\"T\"}\n");
    assertEquals(0, Main.run("import", "--dry-run", good.toString()));
    assertEquals(1, Main.run("import", "--dry-run", good.toString(), bad.toString()));
    assertEquals(1, Main.run("import", "--dry-run", dir.resolve("missing").toString()));
    assertEquals(0, Main.run("import", "--dry-run", "--kind", "company",
        Files.writeString(dir.resolve("c.ndjson"), "{\"id\":\"c\",\"name\":\"C\"}\n").toString()));
  }

  @Test
  void companiesLoadDryRunAndProduceWithoutFeeds() throws Exception {
    Path companies = Files.writeString(dir.resolve("companies.ndjson"),
        "{\"id\":\"acme\",\"name\":\"Acme\"}\n{\"id\":\"old\",\"deleted\":true}\n");
    assertEquals(0, Main.run("companies", "load", "--dry-run", companies.toString()));
    assertEquals(1, Main.run("produce", "--once", "--dry-run"));
    assertEquals(1, Main.run("produce", "--once", "--dry-run", "--feed", "javascript:alert(1)"));
  }
}
