package dev.newsflow.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code docs/topics.md} is generated: it must equal what the registry and the contracts say now. */
class TopicsDocTest {
  static final Path PAGE = Path.of("..", "docs", "topics.md");

  @Test
  void theCommittedPageIsUpToDate() throws IOException {
    String expected = TopicsDoc.markdown();
    String committed = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
    if (!expected.equals(committed)) {
      Path fresh = Path.of("target", "topics.md");
      Files.writeString(fresh, expected, StandardCharsets.UTF_8);
      fail("docs/topics.md is out of date: cp " + fresh.toAbsolutePath() + " " + PAGE.toAbsolutePath().normalize());
    }
  }

  @Test
  void everyTopicOfTheRegistryHasAContractAndNoContractIsLeftOver() {
    Topics topics = Topics.defaults();
    List<String> names = topics.all().stream().map(t -> t.name().substring(topics.prefix().length())).toList();
    assertEquals(names, TopicContract.all().stream().map(TopicContract::topic).toList());
  }

  @Test
  void everyKeyExampleMatchesItsPattern() {
    for (TopicContract c : TopicContract.all()) {
      assertTrue(c.keyPattern().matcher(c.keyExample()).matches(), c.topic() + ": " + c.keyExample());
    }
  }

  @Test
  void everyContractNamesTheRecordItsSerdeWrites() {
    Topics topics = Topics.defaults();
    for (Topic<String, ?> topic : topics.all()) {
      String name = topic.name().substring(topics.prefix().length());
      Class<?> type = topic.valueSerde() instanceof dev.newsflow.wire.FormattedSerde<?> formatted ? formatted.type()
          : ((dev.newsflow.wire.AvroSerde<?>) topic.valueSerde()).codec().type();
      assertEquals(TopicContract.of(name).record(), type.getSimpleName(), name);
    }
  }
}
