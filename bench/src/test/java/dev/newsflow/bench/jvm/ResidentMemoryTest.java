package dev.newsflow.bench.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResidentMemoryTest {
  @Test
  void readsTheCurrentAndPeakResidentSetFromProcStatus() {
    ResidentMemory m = ResidentMemory.parse("Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  409600 kB\nVmRSS:\t  204800 kB\nThreads:\t40\n");
    assertEquals(200L * 1024 * 1024, m.currentBytes());
    assertEquals(400L * 1024 * 1024, m.peakBytes());
  }

  @Test
  void aStatusWithoutTheFieldsGivesMinusOne() {
    assertEquals(new ResidentMemory(-1, -1), ResidentMemory.parse("Name:\tjava\n"));
  }

  @Test
  void thisJvmHasAResidentSetWhereLinuxReportsIt() {
    ResidentMemory m = ResidentMemory.of(ProcessHandle.current().pid());
    if (m.currentBytes() >= 0) {
      assertTrue(m.peakBytes() >= m.currentBytes());
    }
  }
}
