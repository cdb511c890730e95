package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** demo checks every input before it starts a broker: a wrong one costs no start-up and leaves nothing behind. */
class DemoInputsTest {
  @TempDir Path dir;

  private String runDemo(String... extra) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      String[] args = new String[extra.length + 4];
      args[0] = "demo";
      args[1] = "--once";
      args[2] = "--work-dir";
      args[3] = dir.resolve("work").toString();
      System.arraycopy(extra, 0, args, 4, extra.length);
      assertEquals(1, Main.run(args));
    } finally {
      System.setErr(original);
    }
    assertFalse(Files.exists(dir.resolve("work").resolve("kafka")), "no broker was started");
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBadRulesFileIsRefusedBeforeTheBrokerStarts() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.ndjson"), "{\"id\":\"r\",\"type\":\"NEW_RELEAS\"}\n");
    String said = runDemo("--data", PipelineIT.SAMPLE.toString(), "--rules", rules.toString());
    assertTrue(said.startsWith("newsflow: the rules in " + rules + " were refused:\n  " + rules + ":1: "), said);
  }

  @Test
  void aMissingRulesFileOrDataFolderIsRefusedBeforeTheBrokerStarts() {
    Path missing = dir.resolve("nope.ndjson");
    assertEquals("newsflow: rules file " + missing + " does not exist or is not a file\n",
        runDemo("--data", PipelineIT.SAMPLE.toString(), "--rules", missing.toString()));
    assertEquals("newsflow: data folder " + dir.resolve("nodata") + " does not exist\n",
        runDemo("--data", dir.resolve("nodata").toString()));
  }

  @Test
  void aDataFolderNoneOfWhoseCompaniesOrArticlesCanBePublishedIsRefusedBeforeTheBrokerStarts() throws Exception {
    Path data = Files.createDirectories(dir.resolve("tickers"));
    Files.writeString(data.resolve("companies.ndjson"), "{\"id\": \"AAPL.O\", \"name\": \"Apple\"}\n");
    Files.writeString(data.resolve("articles.ndjson"), "{\"id\": \"a1\", \"title\": \"Apple\", \"body\": \"\"}\n");
    String said = runDemo("--data", data.toString());
    assertTrue(said.startsWith("newsflow: none of the 1 companies in " + data.resolve("companies.ndjson")
        + " can be published; the first refusal: " + data.resolve("companies.ndjson") + ":1: invalid Company: id: must"
        + " be a lowercase slug"), said);

    Files.writeString(data.resolve("companies.ndjson"), "{\"id\": \"aapl.o\", \"name\": \"Apple\"}\n");
    Files.writeString(data.resolve("articles.ndjson"), "{\"id\": \"a1\", \"title\": \" \", \"body\": \"x\"}\n"
        + "{\"id\": \"a2\", \"title\": \"\", \"body\": \"y\"}\n");
    assertEquals("newsflow: none of the 2 articles in " + data.resolve("articles.ndjson") + " can be published; the"
        + " first refusal: " + data.resolve("articles.ndjson") + ":1: invalid Article: title: must not be blank\n",
        runDemo("--data", data.toString()));
  }
}
