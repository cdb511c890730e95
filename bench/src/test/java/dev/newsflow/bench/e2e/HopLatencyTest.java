package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a {@link HopLatency} case is read from its command line. */
class HopLatencyTest {
  @Test
  void aCaseNamesItsGuaranteeIntervalHopsAndSettings() {
    HopLatency.Case c = HopLatency.Case.parse("exactly_once_v2:50:7:main.consumer.fetch.max.wait.ms=5,poll.ms=10");

    assertEquals("exactly_once_v2", c.guarantee());
    assertEquals(50, c.commitMs());
    assertEquals(7, c.hops());
    assertEquals(Map.of("main.consumer.fetch.max.wait.ms", "5", "poll.ms", "10"), c.settings());
    assertEquals(Map.of(), HopLatency.Case.parse("at_least_once:30000:3").settings());
  }

  @Test
  void aMalformedCaseIsRefusedWithWhatWasGiven() {
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
        () -> HopLatency.Case.parse("exactly_once_v2:50"));
    assertTrue(tooShort.getMessage().contains("'exactly_once_v2:50'"), tooShort.getMessage());

    IllegalArgumentException badSetting = assertThrows(IllegalArgumentException.class,
        () -> HopLatency.Case.parse("exactly_once_v2:50:2:poll.ms"));
    assertTrue(badSetting.getMessage().contains("KEY=VALUE, got 'poll.ms'"), badSetting.getMessage());

    assertThrows(IllegalArgumentException.class, () -> HopLatency.Case.parse("exactly_once_v2:50:0"));
    assertThrows(IllegalArgumentException.class, () -> HopLatency.Case.parse("exactly_once:50:3"));
  }
}
