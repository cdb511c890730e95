package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How many streams JVMs a bench may start: at least one, and more than one only where the rate is read from topics. */
class BenchOptionsTest {
  private static BenchOptions options(int streamsInstances) {
    return new BenchOptions(BenchOptions.Timing.quick(), Path.of("work"), false, "Main", List.of(), List.of(), 10, 42,
        500, null, streamsInstances);
  }

  @Test
  void oneStreamsJvmUnlessSaidOtherwise() {
    BenchOptions defaults = new BenchOptions(BenchOptions.Timing.quick(), Path.of("work"), false, "Main", List.of(),
        List.of(), 10, 42, 500, null);
    assertEquals(1, defaults.streamsInstances());
    assertDoesNotThrow(defaults::requireSingleStreamsInstance);
  }

  @Test
  void fewerThanOneStreamsJvmIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options(0));
    assertTrue(e.getMessage().contains("--streams-instances must be at least 1, got 0"), e.getMessage());
  }

  @Test
  void severalStreamsJvmsAreRefusedWhereOneJvmIsRead() {
    BenchOptions two = options(2);
    assertEquals(2, two.streamsInstances());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, two::requireSingleStreamsInstance);
    assertTrue(e.getMessage().contains("--streams-instances 2 needs --hot-bucket"), e.getMessage());
  }

  @Test
  void onlyTheQuickRunStartsBothPipelinesTogether() {
    // The full run measures each pipeline with nothing else of the bench on the machine; the quick run lets
    // the at-least-once stages wait, idle, through the exactly-once measurement (BENCHMARKS.md).
    assertTrue(BenchOptions.Timing.quick().pipelinesStartTogether());
    assertFalse(BenchOptions.Timing.full().pipelinesStartTogether());
  }
}
