package dev.newsflow.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A refusal of bytes that are not UTF-8 says where the first bad byte is and what it is. */
class StrictUtf8Test {
  @Test
  void validUtf8DecodesUnchangedIncludingARealReplacementCharacter() throws Exception {
    String text = "字节跳动 🎬 mañana \uFFFD\nend";
    assertEquals(text, StrictUtf8.decode(text.getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // bytes (hex),          offset, byte, line
      "c328,                   0, C3, 1",  // a lead byte followed by ASCII
      "6162630a64ff65,         5, FF, 2",  // "abc\nd", then a byte never valid in UTF-8
      "0a0ae282,               2, E2, 3",  // a sequence cut short by the end
      "e5ad97eda080,           3, ED, 1",  // after a valid CJK character, a UTF-16 surrogate
      "c0af,                   0, C0, 1",  // an overlong '/'
      "f4908080,               0, F4, 1"}) // past U+10FFFF
  void theRefusalNamesTheOffsetTheByteAndTheLine(String hex, int offset, String value, int line) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    StrictUtf8.MalformedUtf8Exception e = assertThrows(StrictUtf8.MalformedUtf8Exception.class,
        () -> StrictUtf8.decode(bytes));
    assertEquals(offset, e.offset());
    assertEquals(Integer.parseInt(value, 16), e.value());
    assertEquals(line, e.line());
    assertEquals("not valid UTF-8: byte 0x" + value + " at offset " + offset + " (line " + line + ")", e.getMessage());
  }

  @Test
  void offsetsAndLinesCountFromTheStartOfTheRangeDecoded() {
    byte[] bytes = HexFormat.of().parseHex("ff0a610a62ff");
    StrictUtf8.MalformedUtf8Exception e = assertThrows(StrictUtf8.MalformedUtf8Exception.class,
        () -> StrictUtf8.decode(bytes, 1, 5));
    assertEquals("byte 0xFF at offset 4", e.byteAndOffset());
    assertEquals(3, e.line());
  }
}
