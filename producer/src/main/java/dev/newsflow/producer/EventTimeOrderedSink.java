package dev.newsflow.producer;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Holds back articles and releases and hands them on in {@link EventTimeOrder} when {@link #drain()}ed,
 * so an import publishes its news oldest first whatever order its files hold it in. Company records go
 * through at once: reference data precedes the news that mentions it. At most {@code maxHeld} records
 * are held; beyond that the held ones are handed on (each such chunk in order) to bound memory.
 */
public final class EventTimeOrderedSink implements RecordSink {
  private final RecordSink next;
  private final int maxHeld;
  private final List<SpecificRecord> held = new ArrayList<>();
  private long chunksHandedOnEarly;

  public EventTimeOrderedSink(RecordSink next, int maxHeld) {
    this.next = next;
    this.maxHeld = maxHeld;
  }

  @Override
  public void article(Article article) {
    hold(article);
  }

  @Override
  public void release(Release release) {
    hold(release);
  }

  @Override
  public void company(Company company) {
    next.company(company);
  }

  @Override
  public void companyDeleted(String companyId) {
    next.companyDeleted(companyId);
  }

  /** Flushes what was handed on; held news stays held until {@link #drain()}. */
  @Override
  public void flush() {
    next.flush();
  }

  /** Hands every held record on, oldest first, and flushes. */
  public void drain() {
    held.sort(EventTimeOrder.OLDEST_FIRST);
    for (SpecificRecord r : held) {
      if (r instanceof Article a) {
        next.article(a);
      } else {
        next.release((Release) r);
      }
    }
    held.clear();
    next.flush();
  }

  /** How many times more news was read than can be held, so that order holds only within chunks. */
  public long chunksHandedOnEarly() {
    return chunksHandedOnEarly;
  }

  private void hold(SpecificRecord record) {
    held.add(record);
    if (held.size() >= maxHeld) {
      chunksHandedOnEarly++;
      drain();
    }
  }
}
