package dev.newsflow.testkit;

import dev.newsflow.schema.Article;
import dev.newsflow.wire.SingleObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A poison record that only a strict reader notices: an article correctly framed, with the current
 * schema's fingerprint and every length right, whose title holds bytes that are not UTF-8
 * ({@code C3 28}: a lead byte followed by ASCII). A lenient decoder would read it as a title with U+FFFD.
 */
public final class InvalidUtf8 {
  /** Not UTF-8: {@code C3} announces a two-byte character, {@code 28} is not a continuation byte. */
  private static final byte[] INVALID = {(byte) 0xC3, 0x28};
  /** Stands in for {@link #INVALID} while encoding: same length, so no length prefix changes. */
  private static final byte[] PLACEHOLDER = "\u0001\u0002".getBytes(StandardCharsets.US_ASCII);
  private static final SingleObjectCodec<Article> CODEC = new SingleObjectCodec<>(Article.class);

  private InvalidUtf8() {}

  /** The single-object bytes of {@code article} with invalid UTF-8 at the end of its title. */
  public static byte[] inTitle(Article article) {
    String placeholder = new String(PLACEHOLDER, StandardCharsets.US_ASCII);
    byte[] bytes = CODEC.encode(Article.newBuilder(article).setTitle(article.getTitle() + " " + placeholder).build());
    int at = indexOf(bytes, PLACEHOLDER, 0);
    if (at < 0 || indexOf(bytes, PLACEHOLDER, at + 1) >= 0) {
      throw new IllegalArgumentException("the article already holds the placeholder bytes");
    }
    System.arraycopy(INVALID, 0, bytes, at, INVALID.length);
    return bytes;
  }

  private static int indexOf(byte[] bytes, byte[] target, int from) {
    for (int i = from; i + target.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
        return i;
      }
    }
    return -1;
  }
}
