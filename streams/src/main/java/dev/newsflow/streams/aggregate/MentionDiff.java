package dev.newsflow.streams.aggregate;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each enriched article into per-company changes of the tallies, remembering what the article
 * counted for before (keyed by article id). A revision that drops or adds a company moves the counts by
 * exactly the difference, and an article seen again unchanged moves nothing: counts never double.
 */
final class MentionDiff implements Processor<String, EnrichedArticle, String, Tally> {
  static final String STORE = "article-mention-counts";

  private ProcessorContext<String, Tally> context;
  private KeyValueStore<String, String> counted;

  @Override
  public void init(ProcessorContext<String, Tally> context) {
    this.context = context;
    this.counted = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    String articleId = record.value().getId();
    Map<String, Long> before = decode(counted.get(articleId));
    Map<String, Long> now = new LinkedHashMap<>();
    for (Mention m : record.value().getMentions()) {
      now.merge(m.getCompanyId(), (long) m.getCount(), Long::sum);
    }
    if (now.equals(before)) {
      return;
    }
    before.forEach((company, mentions) -> {
      if (!now.containsKey(company)) {
        context.forward(record.withKey(company).withValue(new Tally(-1, -mentions)));
      }
    });
    now.forEach((company, mentions) -> {
      Long old = before.get(company);
      if (old == null) {
        context.forward(record.withKey(company).withValue(new Tally(1, mentions)));
      } else if (!old.equals(mentions)) {
        context.forward(record.withKey(company).withValue(new Tally(0, mentions - old)));
      }
    });
    counted.put(articleId, encode(now));
  }

  /** {@code companyId=count} pairs joined by {@code ,}; company ids are slugs, so neither sign occurs in them. */
  static String encode(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }

  static Map<String, Long> decode(String s) {
    Map<String, Long> counts = new HashMap<>();
    if (s == null || s.isEmpty()) {
      return counts;
    }
    for (String pair : s.split(",")) {
      int eq = pair.lastIndexOf('=');
      counts.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
    }
    return counts;
  }
}
