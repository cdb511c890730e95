package dev.newsflow.streams.aggregate.releases;

import dev.newsflow.contract.ArticleContract;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.Release;
import dev.newsflow.streams.enrich.link.CompanyDirectory;
import dev.newsflow.streams.event.CompanyEvent;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.event.SourcePosition;
import dev.newsflow.streams.phrases.Phrases;
import dev.newsflow.topic.DeadLetters;
import dev.newsflow.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Joins each release with the companies table: {@code company} may be the company id or any of its
 * names, in any case. A resolved release is keyed by company id; one naming no known company, with a blank id
 * or product, or dated before 1970 (no Kafka record time is earlier), becomes a dead letter with the reason.
 */
public final class ResolveReleases implements Processor<String, Release, String, ResolveReleases.Outcome> {
  public static final String STAGE = "streams:resolve-releases";

  /** A release for its company's aggregates, or why it could not be used. */
  public record Outcome(CompanyEvent event, DeadLetter rejection) {}

  private final Topic<String, Release> source;
  private ProcessorContext<String, Outcome> context;
  private ReadOnlyKeyValueStore<String, Company> companies;

  public ResolveReleases(Topic<String, Release> source) {
    this.source = source;
  }

  @Override
  public void init(ProcessorContext<String, Outcome> context) {
    this.context = context;
    this.companies = context.getStateStore(CompanyDirectory.STORE);
  }

  @Override
  public void process(Record<String, Release> record) {
    Release r = record.value();
    if (r == null) {
      return;
    }
    SourcePosition where = SourcePosition.of(context.recordMetadata());
    if (r.getId().isBlank() || r.getProduct().isBlank()) {
      reject(record, where, "INVALID_RELEASE", "release " + (r.getId().isBlank() ? "(no id)" : r.getId())
          + " has a blank " + (r.getId().isBlank() ? "id" : "product"));
      return;
    }
    Optional<String> company = resolve(r.getCompany());
    if (company.isEmpty()) {
      reject(record, where, "UNKNOWN_COMPANY", "release " + r.getId() + " names company '" + r.getCompany()
          + "', which is no company id or name in the companies topic");
      return;
    }
    if (r.getReleasedAt() != null && r.getReleasedAt().isBefore(Instant.EPOCH)) {
      // Its time travels as a record's time from here on, and Kafka has none before 1970: the door refuses it too.
      reject(record, where, "INVALID_RELEASE", "release " + r.getId() + ": releasedAt "
          + ArticleContract.TimeBound.BEFORE_1970.message(r.getReleasedAt(), Duration.ZERO, "release"));
      return;
    }
    long eventTime = r.getReleasedAt() != null ? r.getReleasedAt().toEpochMilli() : record.timestamp();
    ReleaseFacts facts = ReleaseFacts.of(r, company.get(), eventTime);
    context.forward(new Record<>(company.get(), new Outcome(CompanyEvent.release(facts, where), null), eventTime));
  }

  /** The company id for an id or a name; names are looked up only when the id is unknown (rare). */
  Optional<String> resolve(String idOrName) {
    if (idOrName == null || idOrName.isBlank()) {
      return Optional.empty();
    }
    String wanted = idOrName.strip();
    if (companies.get(wanted) != null) {
      return Optional.of(wanted);
    }
    String normalized = Phrases.normalize(wanted);
    try (KeyValueIterator<String, Company> it = companies.all()) {
      while (it.hasNext()) {
        KeyValue<String, Company> kv = it.next();
        Company c = kv.value;
        if (c == null) {
          continue;
        }
        if (Phrases.normalize(c.getId()).equals(normalized) || Phrases.normalize(c.getName()).equals(normalized)
            || c.getAliases().stream().anyMatch(a -> Phrases.normalize(a).equals(normalized))) {
          return Optional.of(c.getId());
        }
      }
    }
    return Optional.empty();
  }

  private void reject(Record<String, Release> record, SourcePosition where, String type, String reason) {
    DeadLetter letter = DeadLetters.of(STAGE, type, reason, where.topic() == null ? source.name() : where.topic(),
        where.partition(), where.offset(),
        record.key() == null ? null : source.keySerde().serializer().serialize(source.name(), record.key()),
        source.valueSerde().serializer().serialize(source.name(), record.value()),
        Instant.ofEpochMilli(context.currentSystemTimeMs()));
    // Stamped with the time it was refused, so that retention keeps it as long as any dead letter.
    context.forward(new Record<>(record.key(), new Outcome(null, letter), context.currentSystemTimeMs()));
  }
}
