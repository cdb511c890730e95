package dev.newsflow.producer.text;

import dev.newsflow.contract.ArticleUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Article URLs: only {@code http} and {@code https} are ever kept ({@code javascript:}, {@code data:},
 * {@code file:} and the like are refused), relative links are resolved against their base, and the
 * canonical form drops what does not identify the page: the fragment, tracking parameters (the
 * contract's, {@link ArticleUrls#isTracking}, the same that dedup drops), default ports and letter case in
 * scheme and host.
 */
public final class Urls {
  /** Longest URL kept; longer ones are not article links but payloads. */
  public static final int MAX_URL_CHARS = 4096;

  private Urls() {}

  /** True when {@code url} uses a scheme newsflow keeps as an article link (http or https). */
  public static boolean isWebUrl(String url) {
    return canonical(url, null).isPresent();
  }

  /**
   * The canonical absolute form of {@code raw}, resolved against {@code base} when relative; empty when
   * it is blank, malformed, too long, or not an http(s) URL.
   */
  public static Optional<String> canonical(String raw, URI base) {
    return absolute(raw, base).map(Urls::canonicalize);
  }

  /** {@code raw} made absolute and parsed, without canonicalization; empty unless http(s). */
  public static Optional<URI> absolute(String raw, URI base) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = stripInvisible(raw);
    if (text.isEmpty() || text.length() > MAX_URL_CHARS) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(escapeIllegal(text));
      if (!uri.isAbsolute()) {
        if (base == null || !isWeb(base)) {
          return Optional.empty();
        }
        uri = base.resolve(uri);
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!isWeb(uri) || uri.getRawAuthority() == null || uri.getHost() == null) {
      return Optional.empty();
    }
    return Optional.of(uri);
  }

  private static boolean isWeb(URI uri) {
    String scheme = uri.getScheme();
    return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
  }

  private static String canonicalize(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    StringBuilder out = new StringBuilder(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      out.append(uri.getRawUserInfo()).append('@');
    }
    out.append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    String path = uri.getRawPath();
    out.append(path == null || path.isEmpty() ? "/" : path);
    String query = ArticleUrls.withoutTracking(uri.getRawQuery(), false);
    if (!query.isEmpty()) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /**
   * Line breaks, tabs and control characters are never part of a URL (feeds wrap and indent long
   * links); spaces inside are kept, to be escaped.
   */
  private static String stripInvisible(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= ' ' && c != 0x7F && !(c >= 0x80 && c <= 0x9F) && c != '\u200B' && c != '\uFEFF') {
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  /** Percent-encodes characters that URLs in the wild carry but {@link URI} refuses (non-ASCII, {@code |}, ...). */
  private static String escapeIllegal(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean legal = c < 0x80 && c > ' ' && "\"<>\\^`{|}".indexOf(c) < 0
          && !(c == '%' && !isEscape(text, i));
      if (legal) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      int cp = text.codePointAt(i);
      if (Character.charCount(cp) == 2) {
        i++;
      }
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isEscape(String text, int i) {
    return i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
        && Character.digit(text.charAt(i + 2), 16) >= 0;
  }
}
