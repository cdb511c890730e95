package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.topic.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code tail}'s help (it must name every topic: an annotation takes constants only) and its refusals. */
class TailCommandTest {
  @Test
  void theHelpListsEveryTopicOfTheRegistry() {
    InProcess run = InProcess.run("tail", "--help");
    Matcher listed = Pattern.compile("Topics: (.*?)\\s*\\(the configured topic\\.prefix", Pattern.DOTALL).matcher(run.out());
    assertEquals(true, listed.find(), run.out());
    List<String> named = Arrays.stream(listed.group(1).split(",")).map(String::strip).sorted().toList();
    List<String> registry = Topics.withPrefix("").all().stream().map(t -> t.name()).sorted().toList();
    assertEquals(registry, named, "the topics in tail's help (in the order data flows), against the registry's");
  }

  @Test
  void aMaxBelowOneIsAUsageErrorToldBeforeAnyWaitForTheCluster() {
    // before, --max 0 (and, earlier still, --max -3) meant no limit: the whole topic, and with no --until-end, forever
    for (String max : List.of("0", "-3")) {
      InProcess run = InProcess.run("tail", "alerts", "--max", max, "--bootstrap-servers", "127.0.0.1:1");
      assertEquals(2, run.status(), run.err());
      assertEquals("newsflow: --max takes a number of records, 1 or more, got " + max + " (leave --max out for no "
          + "limit)\nnewsflow: 'newsflow tail --help' lists what newsflow tail takes\n", run.err());
    }
  }

  @Test
  void withoutMaxThereIsNoLimitToRefuse() {
    // no --max: on to the cluster (nothing listens on port 1), with no word about --max
    InProcess run = InProcess.run("tail", "alerts", "--bootstrap-servers", "127.0.0.1:1", "-D", "publish.timeout=1s");
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().contains("did not answer") && !run.err().contains("--max"), run.err());
  }

  @Test
  void theHelpSaysWhatMaxTakesAndThatLeavingItOutMeansNoLimit() {
    String help = InProcess.run("tail", "--help").out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--max=N Stop after N records (1 or more; default: no limit)."), help);
  }
}
