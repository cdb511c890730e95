package dev.newsflow.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTest {
  private final List<String> lines = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();

  private long read(byte[] bytes) throws Exception {
    return NdjsonLines.forEachLine(new ByteArrayInputStream(bytes), "in.ndjson",
        (n, text) -> lines.add(n + " " + text), r -> rejected.add(r.toString()));
  }

  /** Reading {@code text} counts {@code count} lines, hands on {@code expected} ("number text") and rejects none. */
  private void assertReadWhole(String text, long count, String... expected) throws Exception {
    assertEquals(count, read(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(expected), lines);
    assertEquals(List.of(), rejected);
  }

  @Test
  void blankLinesAreSkippedButCountedAndAByteOrderMarkIsDropped() throws Exception {
    assertReadWhole("\uFEFF{\"a\":1}\r\n\n  \n {\"b\":2} ", 4, "1 {\"a\":1}", "4 {\"b\":2}");
  }

  @Test
  void aLineWithInvalidUtf8IsRejectedWithItsNumberAndReadingGoesOn() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("{\"a\":1}\n{\"b\":\"".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    out.write("{\"c\":3}\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(3, read(out.toByteArray()));
    assertEquals(List.of("1 {\"a\":1}", "3 {\"c\":3}"), lines);
    assertEquals(List.of("in.ndjson:2: line holds bytes that are not valid UTF-8: byte 0xC3 at offset 6 of the line"), rejected);
  }

  /** U+FFFD is a character like any other: text decoded with replacements before it was written is valid UTF-8. */
  @Test
  void aLineHoldingARealReplacementCharacterIsRead() throws Exception {
    assertReadWhole("{\"t\":\"Caf\uFFFD\"}\n{\"u\":\"\\ufffd\"}\n", 2, "1 {\"t\":\"Caf\uFFFD\"}",
        "2 {\"u\":\"\\ufffd\"}");
  }

  @Test
  void anOverLongLineIsRejectedAndReadingGoesOn() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(("{\"a\":\"" + "é".repeat(NdjsonLines.MAX_LINE_CHARS / 2) + "\"}\n").getBytes(StandardCharsets.UTF_8));
    out.write(("{\"b\":\"" + "x".repeat(NdjsonLines.MAX_LINE_CHARS) + "\"}\n").getBytes(StandardCharsets.UTF_8));
    out.write("{\"c\":3}".getBytes(StandardCharsets.UTF_8));
    assertEquals(3, read(out.toByteArray()));
    assertEquals(2, lines.size());
    assertEquals("3 {\"c\":3}", lines.get(1));
    assertEquals(List.of("in.ndjson:2: line is longer than " + NdjsonLines.MAX_LINE_CHARS + " characters"), rejected);
  }

  @Test
  void anObjectLineMustHoldExactlyOneObject() {
    assertEquals(null, NdjsonLines.parseObject("{\"a\":1}").error());
    assertEquals("expected a JSON object", NdjsonLines.parseObject("[1]").error());
    assertEquals(true, NdjsonLines.parseObject("{\"a\":1} junk").error().startsWith("not valid JSON"));
  }
}
