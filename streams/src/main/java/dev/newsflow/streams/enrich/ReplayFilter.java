package dev.newsflow.streams.enrich;

import dev.newsflow.contract.Sha256;
import dev.newsflow.schema.Article;
import dev.newsflow.streams.state.ArticleMemory;
import dev.newsflow.streams.state.ArticleMemoryProcessor;
import dev.newsflow.streams.state.ReadPosition;
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
 *
 * <p>The store keeps, with each content hash, where the record that brought it was read. The same record read
 * again is not a replay: under {@code at_least_once} a task killed between two commits reads its input since the
 * last commit again, while its store, restored from the changelog, may already hold those records' hashes and
 * what they produced may never have reached the next topic. Dropping them then would lose the articles.
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
    String read = ReadPosition.of(context());
    if (isReplay(hashes.get(a.getId()), hash, read)) {
      log.debug("article {} seen before with the same content; not processed again", a.getId());
      return;
    }
    hashes.put(a.getId(), hash + " " + read);
    context().forward(record);
  }

  /**
   * Whether an article with content {@code hash}, read at {@code read}, repeats what the store holds for its id
   * ({@code stored}: a hash and where it was read; a hash alone as written before positions were kept).
   */
  static boolean isReplay(String stored, String hash, String read) {
    if (stored == null) {
      return false;
    }
    int space = stored.indexOf(' ');
    String storedHash = space < 0 ? stored : stored.substring(0, space);
    return storedHash.equals(hash) && (space < 0 || !ReadPosition.readAgain(stored.substring(space + 1), read));
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
