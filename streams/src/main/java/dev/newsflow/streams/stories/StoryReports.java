package dev.newsflow.streams.stories;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.ReadPosition;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Keyed by article id: turns each version of an article into changes of its story, keyed by story id.
 * It remembers the report each article last made ({@code story-reports}, for {@code memory.retention}),
 * so that an article that moves to another story (dedup's correction, a revision) leaves the old one, and
 * a version that changes nothing a story shows is not sent again. The same record read again
 * ({@link ReadPosition}) adds its report again: the story may count the article twice, but does not miss it.
 */
final class StoryReports implements Processor<String, EnrichedArticle, String, StoryChange> {
  static final String STORE = "story-reports";

  private final Duration retention;
  private ProcessorContext<String, StoryChange> context;
  private ArticleMemory<StoryReport> last;

  StoryReports(Duration retention) {
    this.retention = retention;
  }

  static StoreBuilder<TimestampedKeyValueStore<String, StoryReport>> storeBuilder(StateStores stores) {
    return stores.timestamped(STORE, JsonSerde.of(StoryReport.class));
  }

  @Override
  public void init(ProcessorContext<String, StoryChange> context) {
    this.context = context;
    this.last = ArticleMemory.open(context, STORE, retention);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    if (record.key() == null) {
      return;
    }
    StoryReport kept = last.get(record.key());
    StoryReport after = record.value() == null ? null : StoryReport.of(record.value());
    String read = ReadPosition.of(context);
    long time = after != null && after.order() > 0 ? after.order() : record.timestamp();
    if (kept != null && after != null && ReadPosition.readAgain(kept.read(), read)) {
      // This very record wrote what is kept, and what it forwarded may be lost: add its report again.
      context.forward(new Record<>(after.storyId(), StoryChange.added(after, null), time));
      return;
    }
    StoryReport before = kept == null ? null : kept.readAt(null);
    if (Objects.equals(before, after)) {
      return; // a replay, or a version that changes nothing a story shows
    }
    if (before != null && (after == null || !before.storyId().equals(after.storyId()))) {
      context.forward(new Record<>(before.storyId(), StoryChange.left(before.articleId(), before.order()), time));
    }
    if (after == null) {
      last.delete(record.key());
      return;
    }
    boolean revision = before != null && before.storyId().equals(after.storyId());
    context.forward(new Record<>(after.storyId(), StoryChange.added(after, revision ? before.order() : null), time));
    last.put(record.key(), after.readAt(read));
  }
}
