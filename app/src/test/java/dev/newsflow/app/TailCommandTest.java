package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.topic.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code tail}'s help names the topics in words (an annotation takes constants only): it must name them all. */
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
  void aNegativeMaxIsRefusedBeforeAnyWaitForTheCluster() {
    // before, --max -3 meant no limit: the whole topic, and with no --until-end, forever
    InProcess run = InProcess.run("tail", "alerts", "--max", "-3", "--bootstrap-servers", "127.0.0.1:1");
    assertEquals(1, run.status(), run.err());
    assertEquals("newsflow: --max takes a number of records, 1 or more, got -3\n", run.err());
  }
}
