package dev.newsflow.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationTest {
  @Test
  void threeReplicasTwoInSyncFromThreeBrokersOneOtherwise() {
    assertEquals(List.of(new Replication((short) 1, 1), new Replication((short) 2, 1), new Replication((short) 3, 2),
            new Replication((short) 3, 2), new Replication((short) 3, 2)),
        List.of(Replication.forBrokers(1), Replication.forBrokers(2), Replication.forBrokers(3),
            Replication.forBrokers(4), Replication.forBrokers(9)));
  }

  @Test
  void anOperatorsFactorKeepsTheSameInSyncRule() {
    assertEquals(new Replication((short) 1, 1), Replication.forFactor((short) 1));
    assertEquals(new Replication((short) 2, 1), Replication.forFactor((short) 2));
    assertEquals(new Replication((short) 5, 2), Replication.forFactor((short) 5));
  }

  @Test
  void refusesAPairThatCouldNeverBeWritten() {
    assertThrows(IllegalArgumentException.class, () -> Replication.forBrokers(0));
    assertThrows(IllegalArgumentException.class, () -> new Replication((short) 1, 2));
  }
}
