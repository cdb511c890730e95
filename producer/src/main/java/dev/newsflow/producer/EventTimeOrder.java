package dev.newsflow.producer;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Release;
import java.time.Instant;
import java.util.Comparator;
import org.apache.avro.specific.SpecificRecord;

/**
 * The order in which news read whole (a file, a dataset folder) is published: oldest story first, by
 * its own time ({@code publishedAt}, {@code releasedAt}). The streams application closes an hour's
 * window once the stream time has passed it; news published in file order would move the stream time
 * ahead and leave the older stories of an archive late for their windows. Records without a time of
 * their own are stamped on arrival, so they sort last; ties keep the order they were read in.
 */
public final class EventTimeOrder {
  /** Oldest first, records without an event time last; a stable sort keeps the reading order of ties. */
  public static final Comparator<SpecificRecord> OLDEST_FIRST =
      Comparator.comparing(EventTimeOrder::eventTime, Comparator.nullsLast(Comparator.naturalOrder()));

  private EventTimeOrder() {}

  /** The story's own time, or null when the record has none (companies, undated articles). */
  public static Instant eventTime(SpecificRecord record) {
    if (record instanceof Article a) {
      return a.getPublishedAt();
    }
    if (record instanceof Release r) {
      return r.getReleasedAt();
    }
    return null;
  }
}
