package dev.newsflow.streams.enrich;

import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.streams.link.CompanyDirectory;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Turns an article into an enriched article carrying the companies it mentions. */
final class LinkCompanies implements FixedKeyProcessor<String, Article, EnrichedArticle> {
  static final String ENRICHMENT_VERSION = "newsflow-enrich-1;" + dev.newsflow.streams.link.CompanyLinker.VERSION;

  private final CompanyDirectory directory;
  private FixedKeyProcessorContext<String, EnrichedArticle> context;
  private ReadOnlyKeyValueStore<String, Company> companies;

  LinkCompanies(CompanyDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
    this.context = context;
    this.companies = context.getStateStore(CompanyDirectory.STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, Article> record) {
    Article a = record.value();
    List<Mention> mentions = directory.linker(companies).link(a.getTitle(), a.getBody());
    EnrichedArticle enriched = EnrichedArticle.newBuilder()
        .setId(a.getId())
        .setTitle(a.getTitle())
        .setBody(a.getBody())
        .setUrl(a.getUrl())
        .setSource(a.getSource())
        .setPublishedAt(a.getPublishedAt())
        .setLanguage(a.getLanguage())
        .setAuthor(a.getAuthor())
        .setMentions(mentions)
        .setStoryId(a.getId())
        .setEnrichmentVersion(ENRICHMENT_VERSION)
        .build();
    context.forward(record.withValue(enriched));
  }
}
