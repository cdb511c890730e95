package dev.newsflow.streams.aggregate.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionOrderTest {
  /** Each row: family, then versions in the order people read them. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "Qwen      | 2.5, 3, 3.5",
      "Qwen      | Qwen2.5, Qwen3, Qwen 3.5, Qwen3.5-Max",
      "Qwen      | 2, 2.5, 3-Max-Preview, 3-Max",
      "Seedance  | 1.0, 1.0 Lite, 1.0 Pro, 2.0",
      "DeepSeek  | V2.5, V3, V3.1, V3.2-Exp, V3.2",
      "Kimi      | K1.5, K2, K2.5",
      "GLM       | 4, 4.5, 4.6, 5",
      "Claude    | 3.5 Sonnet, Opus 4, Opus 4.1, Opus 4.5, Opus 4.6",
      "Ascend    | 910B, 910C, 950PR",
      "Hailuo    | 01, 02, 2.5",
      "GPT       | 4, 4o, 4.1, 5, 5.2",
      "Gemini    | 1.5 Pro, 2.0 Flash, 2.0 Pro, 2.5, 3",
      "ERNIE     | 4.0, 4.5, 5.0, 10",
      "Kling     | 1.6, 2.0, 2.1, 2.10",
      "Llama     | 3, 3.1, 3.1.1, 3.2, 3.10",
      "Gen       | 3 Alpha, 3 Beta, 3, 4",
      "Release   | 1.0-alpha, 1.0-beta, 1.0-rc1, 1.0-rc2, 1.0",
      "Robot     | 2025-05, 2025-10, 2026-01",
  })
  void readsVersionsAsPeopleDo(String family, String ordered) {
    List<String> expected = Arrays.stream(ordered.split(",")).map(String::strip).toList();
    VersionOrder order = VersionOrder.forFamily(family);
    for (int i = 0; i + 1 < expected.size(); i++) {
      assertTrue(order.compare(expected.get(i), expected.get(i + 1)) < 0, expected.get(i) + " < " + expected.get(i + 1));
      assertTrue(order.compare(expected.get(i + 1), expected.get(i)) > 0, expected.get(i + 1) + " > " + expected.get(i));
    }
    for (long seed = 1; seed <= 5; seed++) {
      List<String> shuffled = new ArrayList<>(expected);
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(order);
      assertEquals(expected, shuffled, "sorting a shuffle (seed " + seed + ")");
    }
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({"3, 3.0", "3.5, 3.5.0", "02, 2", "Qwen3, 3", "v3.1, V3.1", "1.0 Pro, 1.0 pro", "1.0  Pro, 1.0 Pro", "２.０, 2.0"})
  void versionsThatReadTheSameAreEqual(String a, String b) {
    assertEquals(0, VersionOrder.forFamily("Qwen").compare(a, b));
  }

  @Test
  void theFamilyNameInsideTheVersionIsIgnored() {
    VersionOrder qwen = VersionOrder.forFamily("Qwen");
    assertEquals(0, qwen.compare("Qwen 3.5", "3.5"));
    assertTrue(qwen.compare("Qwen3", "Qwen2.5") > 0);
  }

  @Test
  void aVersionWithoutNumbersComesFirstAndNullIsHandledByTheCaller() {
    VersionOrder order = VersionOrder.forFamily("G1");
    assertTrue(order.compare("", "1") < 0);
    assertTrue(order.compare("Pro", "1") < 0);
  }

  @Test
  void hugeNumbersDoNotOverflow() {
    VersionOrder order = VersionOrder.forFamily("X");
    assertTrue(order.compare("99999999999999999999999.1", "100000000000000000000000") < 0);
  }

  @Test
  void isTransitiveOverAMixedSample() {
    List<String> sample = List.of("1", "1.0", "1.0 Pro", "1.0-beta", "1.1", "1.10", "2", "2-alpha", "2 Max", "K2", "V3",
        "3.2-Exp", "3.2", "950PR", "910C", "02", "Opus 4.5", "4o", "", "Pro");
    VersionOrder order = VersionOrder.forFamily("X");
    for (String a : sample) {
      for (String b : sample) {
        assertEquals(Integer.signum(order.compare(a, b)), -Integer.signum(order.compare(b, a)), a + " vs " + b);
        for (String c : sample) {
          if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) {
            assertTrue(order.compare(a, c) <= 0, a + " <= " + b + " <= " + c);
          }
        }
      }
    }
  }
}
