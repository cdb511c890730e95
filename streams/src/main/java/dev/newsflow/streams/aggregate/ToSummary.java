package dev.newsflow.streams.aggregate;

import dev.newsflow.schema.Company;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.streams.link.CompanyDirectory;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A company's tally as the CompanySummary record consumers read, named from the companies store. */
final class ToSummary implements FixedKeyProcessor<String, Tally, CompanySummary> {
  private FixedKeyProcessorContext<String, CompanySummary> context;
  private ReadOnlyKeyValueStore<String, Company> companies;

  @Override
  public void init(FixedKeyProcessorContext<String, CompanySummary> context) {
    this.context = context;
    this.companies = context.getStateStore(CompanyDirectory.STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, Tally> record) {
    Company company = companies.get(record.key());
    Tally tally = record.value();
    context.forward(record.withValue(CompanySummary.newBuilder()
        .setCompanyId(record.key())
        .setName(company == null ? record.key() : company.getName())
        .setArticleCount(tally.articles())
        .setMentionCount(tally.mentions())
        .setUpdatedAt(Instant.ofEpochMilli(record.timestamp()))
        .build()));
  }
}
