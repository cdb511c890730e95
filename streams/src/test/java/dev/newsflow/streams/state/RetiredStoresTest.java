package dev.newsflow.streams.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.streams.DriverSetup;
import dev.newsflow.streams.NewsflowTopology;
import dev.newsflow.topic.Topics;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetiredStoresTest {
  @Test
  void anEarlierVersionsDedupBucketChangelogIsNamedWithWhatItMeansAndHowToDeleteIt() {
    List<String> warnings = RetiredStores.warnings("newsflow",
        Set.of("newsflow.articles.raw", "newsflow-dedup-filings-changelog", "newsflow-dedup-buckets-changelog",
            "other-app-dedup-buckets-changelog"));
    assertEquals(1, warnings.size(), warnings.toString());
    String w = warnings.get(0);
    assertTrue(w.contains("topic newsflow-dedup-buckets-changelog"), w);
    assertTrue(w.contains("a copy of such an article is published as an original"), w);
    assertTrue(w.contains("--delete --topic newsflow-dedup-buckets-changelog"), w);
  }

  @Test
  void nothingToSayOnAClusterThisVersionSetUp() {
    assertEquals(List.of(), RetiredStores.warnings("newsflow", Set.of("newsflow-dedup-filings-changelog")));
  }

  @Test
  void noRetiredStoreIsStillInTheTopology(@TempDir Path state) {
    Topology topology = NewsflowTopology.build(Topics.defaults(), DriverSetup.props(state));
    Set<String> stores = new HashSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor p) {
          stores.addAll(p.stores());
        }
      }
    }
    assertTrue(stores.contains("dedup-filings"), "the topology's stores: " + stores);
    for (RetiredStores.Retired r : RetiredStores.RETIRED) {
      assertFalse(stores.contains(r.store()), r.store() + " is retired but still in the topology");
    }
  }
}
