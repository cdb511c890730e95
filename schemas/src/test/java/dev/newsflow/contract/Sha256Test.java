package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {
  @Test
  void theHashOfAbcIsTheStandardOne() {
    // FIPS 180-2, appendix B.1
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc", 32));
  }

  @Test
  void aPrefixIsTheFirstBytesOfTheWholeHash() {
    assertEquals("ba7816bf", Sha256.hex("abc", 4));
  }

  @Test
  void aDigestFedInPartsEqualsTheHashOfTheirConcatenation() {
    var digest = Sha256.digest();
    digest.update("a".getBytes(StandardCharsets.UTF_8));
    digest.update("bc".getBytes(StandardCharsets.UTF_8));
    assertEquals(Sha256.hex("abc", 16), Sha256.hex(digest.digest(), 16));
  }
}
