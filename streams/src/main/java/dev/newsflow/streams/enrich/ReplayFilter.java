package dev.newsflow.streams.enrich;

import dev.newsflow.contract.Sha256;
import dev.newsflow.schema.Article;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.ArticleMemoryProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops an article that arrives again with the same id and the same content: a producer retried, a
 * feed was polled twice, or an import was run again. A changed article with a known id passes (it is a
 * revision). Records must be keyed by article id, so that one id always meets the same store partition.
 */
final class ReplayFilter extends ArticleMemoryProcessor<Article, Article, String> {
  static final String STORE = "article-content-hashes";

  private static final Logger log = LoggerFactory.getLogger(ReplayFilter.class);

  ReplayFilter(Duration retention) {
    super(STORE, retention);
  }

  @Override
  public void process(FixedKeyRecord<String, Article> record) {
    ArticleMemory<String> hashes = memory();
    Article a = record.value();
    String hash = contentHash(a);
    if (hash.equals(hashes.get(a.getId()))) {
      log.debug("article {} seen before with the same content; not processed again", a.getId());
      return;
    }
    hashes.put(a.getId(), hash);
    context().forward(record);
  }

  static String contentHash(Article a) {
    MessageDigest digest = Sha256.digest();
    for (Object field : new Object[] {a.getTitle(), a.getBody(), a.getUrl(), a.getSource(), a.getPublishedAt(),
        a.getLanguage(), a.getAuthor()}) {
      digest.update(Objects.toString(field, "\u0000").getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0x1F);
    }
    return Sha256.hex(digest.digest(), 16);
  }
}
