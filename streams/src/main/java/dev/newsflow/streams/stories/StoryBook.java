package dev.newsflow.streams.stories;

import dev.newsflow.schema.Story;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.JsonSerde;
import dev.newsflow.streams.state.StateStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Keyed by story id: files each report of a story as an entry of its own ({@code story-book}, key: story
 * id, publication time, article id, so a story's entries lie in time order) and counts them
 * ({@code story-counts}); after every change it publishes the story from its earliest
 * {@link StoryState#LISTED} entries, or a tombstone once its last report has left.
 *
 * <p>A change costs one write and a read of at most {@link StoryState#LISTED} entries, however many
 * reports the story has, and the story is exact in any order: when a listed report leaves, the next
 * earliest takes its place. Every change of one story comes through one partition. A story is
 * forgotten {@code memory.retention} after its last change, like every per-article memory; a report of it
 * that comes later starts it anew.
 */
final class StoryBook implements Processor<String, StoryChange, String, Story> {
  static final String STORE = "story-book";
  static final String COUNTS = "story-counts";
  private static final char SEPARATOR = '\u0000';

  private final Duration retention;
  private ProcessorContext<String, Story> context;
  private KeyValueStore<String, StoryReport> reports;
  private ArticleMemory<Long> counts;

  /** {@code retention}: a story is forgotten this long (wall clock) after its last change ({@code memory.retention}). */
  StoryBook(Duration retention) {
    this.retention = retention;
  }

  static List<StoreBuilder<?>> storeBuilders(StateStores stores) {
    return List.of(
        stores.keyValue(STORE, Serdes.String(), JsonSerde.of(StoryReport.class)),
        stores.timestamped(COUNTS, Serdes.Long()));
  }

  @Override
  public void init(ProcessorContext<String, Story> context) {
    this.context = context;
    this.reports = context.getStateStore(STORE);
    this.counts = ArticleMemory.open(context, COUNTS, retention, (story, count) -> forget(story));
  }

  /** A story the memory forgot: its entries go too (its value stays on the compacted topic). */
  private void forget(String story) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, StoryReport> it = reports.prefixScan(story + SEPARATOR, new StringSerializer())) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(reports::delete);
  }

  @Override
  public void process(Record<String, StoryChange> record) {
    String story = record.key();
    StoryChange change = record.value();
    if (story == null || change == null) {
      return;
    }
    Long before = counts.get(story);
    long count = before == null ? 0 : before;
    if (change.previousOrder() != null && reports.delete(entryKey(story, change.previousOrder(), change.articleId())) != null
        && change.isLeaving()) {
      count--;
    }
    if (!change.isLeaving()) {
      reports.put(entryKey(story, change.report().order(), change.articleId()), change.report());
      if (!change.isRevision()) {
        count++;
      }
    }
    if (count <= 0) {
      counts.delete(story);
      if (before != null) {
        context.forward(record.withValue((Story) null));
      }
      return;
    }
    counts.put(story, count);
    Story value = new StoryState(earliest(story), count).toStory(story);
    context.forward(record.withValue(value).withTimestamp(value.getUpdatedAt().toEpochMilli()));
  }

  private List<StoryReport> earliest(String story) {
    List<StoryReport> out = new ArrayList<>(StoryState.LISTED);
    try (KeyValueIterator<String, StoryReport> it = reports.prefixScan(story + SEPARATOR, new StringSerializer())) {
      while (it.hasNext() && out.size() < StoryState.LISTED) {
        out.add(it.next().value);
      }
    }
    return out;
  }

  /** Story id, the publication time zero-padded to sort as a number, article id. */
  static String entryKey(String story, long order, String articleId) {
    String time = Long.toString(Math.max(0, order));
    return story + SEPARATOR + "0".repeat(19 - time.length()) + time + SEPARATOR + articleId;
  }
}
