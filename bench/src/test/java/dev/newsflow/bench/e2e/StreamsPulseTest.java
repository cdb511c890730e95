package dev.newsflow.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamsPulseTest {
  @Test
  void countsTheStreamThreadsOnlyNotTheThreadsOfTheirClients() {
    assertTrue(StreamsPulse.isStreamThread("bench-mx8svm10-eos.app-81dcaa98-9f60-47f8-9c25-94f3e91fe616-StreamThread-1"));
    assertTrue(StreamsPulse.isStreamThread("newsflow-StreamThread-12"));
    assertFalse(StreamsPulse.isStreamThread(
        "kafka-producer-network-thread | bench-mx8svm10-eos.app-81dcaa98-StreamThread-1-producer"));
    assertFalse(StreamsPulse.isStreamThread("bench-mx8svm10-eos.app-81dcaa98-GlobalStreamThread"));
    assertFalse(StreamsPulse.isStreamThread("bench-mx8svm10-eos.app-81dcaa98-StateUpdater-1"));
  }
}
