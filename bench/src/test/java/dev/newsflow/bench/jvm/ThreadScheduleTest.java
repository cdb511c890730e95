package dev.newsflow.bench.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.testkit.AbsentResource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThreadScheduleTest {
  @Test
  void readsTheTimeOnACoreAndTheTimeWaitingForOne() {
    assertEquals(new ThreadSchedule(15_700_000_000L, 39_100_000_000L), ThreadSchedule.parse("15700000000 39100000000 81234\n"));
    assertThrows(IllegalArgumentException.class, () -> ThreadSchedule.parse("12"));
  }

  @Test
  void findsEachThreadsLinuxIdInADump() {
    String dump = """
        2026-12-04 10:30:00
        Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6 mixed mode, sharing):

        "app-StreamThread-1" #42 daemon prio=5 os_prio=0 cpu=2510.11ms elapsed=60.12s tid=0x00007f tid nid=0x77a5 runnable  [0x00007f]
           java.lang.Thread.State: RUNNABLE

        "kafka-producer-network-thread | app-StreamThread-1-producer" #41 daemon prio=5 os_prio=0 cpu=12.00ms elapsed=60.00s tid=0x00007e nid=30733 runnable
        "C2 CompilerThread0" #7 daemon prio=9 os_prio=0 cpu=9000.00ms elapsed=61.00s tid=0x00007d nid=0x1f2e waiting on condition
        "VM Thread" os_prio=0 cpu=100.00ms elapsed=61.00s tid=0x00007c nid=0x1f20 runnable
        """;
    Map<String, Long> ids = ThreadSchedule.nativeIds(dump);
    assertEquals(0x77a5L, ids.get("app-StreamThread-1"));
    assertEquals(30733L, ids.get("kafka-producer-network-thread | app-StreamThread-1-producer"));
    assertEquals(0x1f2eL, ids.get("C2 CompilerThread0"));
    assertEquals(0x1f20L, ids.get("VM Thread"));
    assertEquals(4, ids.size());
  }

  @Test
  void aBusyThreadOfThisJvmGainsTimeOnACore() throws Exception {
    if (!Files.isDirectory(Path.of("/proc/self/task"))) {
      AbsentResource.skip("no /proc on this system (Linux reports a thread's schedule there)");
    }
    long pid = ProcessHandle.current().pid();
    String dump = JvmProbe.threadDump(ManagementFactory.getPlatformMBeanServer());
    Long tid = ThreadSchedule.nativeIds(dump).get(Thread.currentThread().getName());
    assertTrue(tid != null && Files.isDirectory(Path.of("/proc", Long.toString(pid), "task", tid.toString())),
        "the dump names this thread with its Linux id: " + tid);
    ThreadSchedule before = ThreadSchedule.read(pid, tid).orElseThrow();
    // Spins until the scheduler has counted 20 ms of it on a core; a thread not counted fails at the deadline.
    long deadline = System.nanoTime() + 10_000_000_000L;
    ThreadSchedule spent = ThreadSchedule.NONE;
    while (spent.onCoreNanos() < 20_000_000L && System.nanoTime() < deadline) {
      spent = ThreadSchedule.read(pid, tid).orElseThrow().minus(before);
    }
    assertTrue(spent.onCoreNanos() >= 20_000_000L, "a busy thread is counted on a core: " + spent);
    assertEquals(Optional.empty(), ThreadSchedule.read(pid, Long.MAX_VALUE));
  }
}
