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
  void aMissingInputIsToldBeforeAnyWaitForTheCluster() throws Exception {
    Path good = Files.writeString(dir.resolve("good.ndjson"), "{\"id\":\"a\",\"title\":\"T\",\"body\":\"B\"}\n");
    String missing = dir.resolve("missing.ndjson").toString();
    // nothing listens on port 1; before, each waited publish.timeout for it and told only that
    String[] cluster = {"--bootstrap-servers", "127.0.0.1:1", "-D", "publish.timeout=2s"};
    InProcess imported = InProcess.run(concat(new String[] {"import", good.toString(), missing}, cluster));
    assertEquals(1, imported.status(), imported.err());
    assertEquals("newsflow: " + missing + ": no such file or directory\nnewsflow: nothing imported: fix the 1 path(s) "
        + "above\n", imported.err());
    InProcess companies = InProcess.run(concat(new String[] {"companies", "load", missing}, cluster));
    assertEquals(1, companies.status(), companies.err());
    assertEquals("newsflow: companies file " + missing + " does not exist or is not a file\n", companies.err());
  }

  private static String[] concat(String[] first, String[] second) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
        .toArray(String[]::new);
  }

  @Test
  void companiesLoadDryRunAndProduceWithoutFeeds() throws Exception {
    Path companies = Files.writeString(dir.resolve("companies.ndjson"),
        "{\"id\":\"acme\",\"name\":\"Acme\"}\n{\"id\":\"old\",\"deleted\":true}\n");
    assertEquals(0, Main.run("companies", "load", "--dry-run", companies.toString()));
    assertEquals(1, Main.run("produce", "--once", "--dry-run"));
    assertEquals(1, Main.run("produce", "--once", "--dry-run", "--feed", "javascript:alert(1)"));
  }

  /**
   * {@code enrich} reads its companies as {@code companies load} does: a company whose id breaks the contract is
   * refused (and named), a deletion removes an earlier line's company, and the exit status says something was
   * refused. Before, the uppercase id was linked and the deletion line stopped the command.
   */
  @Test
  void enrichReadsItsCompaniesAsCompaniesLoadDoes() throws Exception {
    Path companies = Files.writeString(dir.resolve("gazetteer.ndjson"), String.join("\n",
        "{\"id\":\"acme\",\"name\":\"Acme Robotics\"}",
        "{\"id\":\"ZETA\",\"name\":\"Zeta Motors\"}",
        "{\"id\":\"gone\",\"name\":\"Gone Dynamics\"}",
        "{\"id\":\"gone\",\"deleted\":true}") + "\n");
    Path articles = Files.writeString(dir.resolve("news.ndjson"), "{\"id\":\"n1\",\"title\":\"Acme Robotics, "
        + "Zeta Motors and Gone Dynamics sign a deal\",\"body\":\"Acme Robotics said the deal with Zeta Motors and "
        + "Gone Dynamics closes in May.\"}\n");
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
      status = Main.run("enrich", "--companies", companies.toString(), "--input", articles.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String enriched = printed.toString(StandardCharsets.UTF_8);
    String stderr = said.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, stderr);
    assertTrue(stderr.contains("gazetteer.ndjson:line 2") && stderr.contains("lowercase slug"), stderr);
    assertTrue(enriched.contains("\"companyId\":\"acme\""), enriched);
    assertFalse(enriched.contains("\"companyId\":\"ZETA\""), "a refused company is not linked: " + enriched);
    assertFalse(enriched.contains("\"companyId\":\"gone\""), "a deleted company is not linked: " + enriched);
  }

  /**
   * The dry runs print UTF-8 whatever the platform's charset: here standard output is an ASCII stream, as Java 17
   * makes it under a POSIX locale, where writing through it turns every Chinese character into a question mark.
   */
  @Test
  void dryRunsPrintUtf8WhateverTheLocale() throws Exception {
    Path companies = Files.writeString(dir.resolve("zh.ndjson"),
        "{\"id\":\"bytedance\",\"name\":\"ByteDance\",\"aliases\":[\"字节跳动\"]}\n", StandardCharsets.UTF_8);
    Path articles = Files.writeString(dir.resolve("zh-articles.ndjson"),
        "{\"id\":\"zh-1\",\"title\":\"字节跳动发布新模型\",\"body\":\"字节跳动今日发布视频模型。\"}\n",
        StandardCharsets.UTF_8);
    assertTrue(printed("companies", "load", "--dry-run", companies.toString()).contains("\"字节跳动\""));
    assertTrue(printed("import", "--dry-run", articles.toString()).contains("字节跳动发布新模型"));
    assertTrue(printed("import", "--dry-run", "--kind", "company", companies.toString()).contains("\"字节跳动\""));
  }

  private static String printed(String... command) {
    PrintStream before = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.US_ASCII));
    try {
      assertEquals(0, Main.run(command), String.join(" ", command));
    } finally {
      System.setOut(before);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
