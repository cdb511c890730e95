package dev.newsflow.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.json.NdjsonLines;
import dev.newsflow.schema.Article;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {
  private final List<Article> read = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();

  private long read(byte[] bytes) throws Exception {
    return NdjsonReader.read(new ByteArrayInputStream(bytes), "in.ndjson", Article.class, read::add,
        r -> rejected.add(r.toString()));
  }

  @Test
  void readsEveryGoodLineAndReportsEachBadOneWithItsLineNumber() throws Exception {
    String input = """
        {"id":"a1","title":"One","body":"First"}

        {"id":"a2","title":"Two"}
        not json
        {"id":"a3","title":"Three","body":"Third"}""";
    assertEquals(2, read(input.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of("a1", "a3"), read.stream().map(Article::getId).toList());
    assertEquals(2, rejected.size());
    assertEquals("in.ndjson:3: invalid Article: body: is required", rejected.get(0));
    assertEquals("in.ndjson:4: invalid Article: not valid JSON", rejected.get(1).substring(0, 44));
  }

  @Test
  void aLineWithInvalidUtf8IsRejectedAndTheNextLinesAreStillRead() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("{\"id\":\"a1\",\"title\":\"ok\",\"body\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
    out.write("{\"id\":\"a2\",\"title\":\"bad \u0000".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xC3, (byte) 0x28, '"', ',', '"', 'b', 'o', 'd', 'y', '"', ':', '"', 'x', '"', '}', '\n'});
    out.write("{\"id\":\"a3\",\"title\":\"ok\",\"body\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(2, read(out.toByteArray()));
    assertEquals(List.of("a1", "a3"), read.stream().map(Article::getId).toList());
    assertEquals(List.of("in.ndjson:2: line holds bytes that are not valid UTF-8: byte 0xC3 at offset 25 of the line"), rejected);
  }

  @Test
  void anOverlongLineIsRejectedWithoutBeingKept() throws Exception {
    String huge = "{\"id\":\"big\",\"title\":\"t\",\"body\":\"" + "x".repeat(NdjsonLines.MAX_LINE_CHARS) + "\"}\n";
    String next = "{\"id\":\"after\",\"title\":\"t\",\"body\":\"b\"}\n";
    assertEquals(1, read((huge + next).getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of("after"), read.stream().map(Article::getId).toList());
    assertEquals(List.of("in.ndjson:1: line is longer than " + NdjsonLines.MAX_LINE_CHARS + " characters"), rejected);
  }

  @Test
  void aDatasetLineGetsTheSameChecksAsEveryOtherDoor() throws Exception {
    // demo's DatasetPublisher reads through here: before, it skipped RecordChecks, so a javascript: link or an
    // oversized body went in through demo that import and ingest-server refuse.
    String input = "{\"id\":\"ok\",\"title\":\"t\",\"body\":\"b\",\"url\":\"https://example.com/a\"}\n"
        + "{\"id\":\"js\",\"title\":\"t\",\"body\":\"b\",\"url\":\"javascript:alert(1)\"}\n"
        + "{\"id\":\"big\",\"title\":\"t\",\"body\":\"" + "x".repeat(dev.newsflow.contract.ArticleLimits.MAX_BODY_CHARS + 1)
        + "\"}\n";
    assertEquals(1, read(input.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of("ok"), read.stream().map(Article::getId).toList());
    assertEquals(2, rejected.size(), rejected.toString());
    org.junit.jupiter.api.Assertions.assertTrue(rejected.get(0).startsWith("in.ndjson:2: invalid Article: url:"), rejected.get(0));
    org.junit.jupiter.api.Assertions.assertTrue(rejected.get(1).startsWith("in.ndjson:3: invalid Article: body:"), rejected.get(1));
  }
}
