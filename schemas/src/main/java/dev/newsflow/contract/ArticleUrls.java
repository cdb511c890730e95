package dev.newsflow.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an article's URL may be and what in it identifies it, defined once for every stage: which links are
 * kept at all, the producer's canonical link, dedup's exact-URL rule and the outlet an article counts for.
 * Two copies of a story that one stage takes for the same page, every other stage does too.
 *
 * <ul>
 *   <li>Only {@code http} and {@code https} links are ever kept ({@link #isWebUrl}): {@code javascript:},
 *       {@code data:}, {@code file:} and the like are refused, and so is a link longer than
 *       {@link ArticleLimits#MAX_URL_CHARS}.
 *   <li>{@link #canonical}: the link as published, made absolute, without what does not identify the page
 *       (the fragment, tracking parameters, default ports, letter case in scheme and host).
 *   <li>Tracking parameters ({@link #isTracking}) never select the content: they are dropped everywhere.
 *   <li>{@link #identity}: the page, for "the same URL" in dedup: host without {@code www.} or {@code m.},
 *       no scheme, port only when not the default, no trailing slash, no fragment, the remaining
 *       parameters sorted.
 *   <li>{@link #outlet}: the site, for "distinct sources" when an article names no source: the host
 *       without {@code www.} or {@code m.}.
 * </ul>
 */
public final class ArticleUrls {
  /** Query parameters that only track the click, never select the content. */
  private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid",
      "msclkid", "mc_cid", "mc_eid", "yclid", "igshid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
      "vero_id", "vero_conv", "__s", "_ga", "_gl", "ncid", "sr_share", "ref", "ref_src", "ref_url", "spm", "twclid",
      "ttclid", "li_fat_id", "s_cid", "cmpid", "wt_mc", "at_medium", "at_campaign");
  private static final Set<String> TRACKING_PREFIXES = Set.of("utm_", "pk_", "mtm_", "hsa_", "itm_");

  private ArticleUrls() {}

  /** True for a query parameter (its name, any case) that only tracks the click. */
  public static boolean isTracking(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (TRACKING.contains(n)) {
      return true;
    }
    for (String prefix : TRACKING_PREFIXES) {
      if (n.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The raw query's parameters without the tracking ones, in their order ({@code sorted}: by text); "" when none is left. */
  public static String withoutTracking(String rawQuery, boolean sorted) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String param : rawQuery.split("&")) {
      int eq = param.indexOf('=');
      if (!param.isEmpty() && !isTracking(eq < 0 ? param : param.substring(0, eq))) {
        kept.add(param);
      }
    }
    if (sorted) {
      kept.sort(null);
    }
    return String.join("&", kept);
  }

  /** The site part of a host: lower case, without a trailing dot or a leading {@code www.} or {@code m.}. */
  public static String site(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.startsWith("www.")) {
      return h.substring(4);
    }
    return h.startsWith("m.") ? h.substring(2) : h;
  }

  /**
   * The page a URL names, as dedup compares it; null for a blank URL. Text that is not a URL with a host
   * is compared as it is, stripped and in lower case.
   */
  public static String identity(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String text = url.strip();
    try {
      URI u = new URI(text);
      if (u.getHost() == null) {
        return text.toLowerCase(Locale.ROOT);
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String query = withoutTracking(u.getRawQuery(), true);
      return site(u.getHost()) + (isDefaultPort(u) ? "" : ":" + u.getPort()) + path + (query.isEmpty() ? "" : "?" + query);
    } catch (URISyntaxException e) {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  /** The site an article's URL is on, for counting outlets; null when the URL has no host. */
  public static String outlet(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      String host = new URI(url.strip()).getHost();
      return host == null ? null : site(host);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** True when {@code url} is a link newsflow keeps: an absolute http(s) URL with a host, within the length limit. */
  public static boolean isWebUrl(String url) {
    return absolute(url, null).isPresent();
  }

  /**
   * The canonical absolute form of {@code raw}, resolved against {@code base} when relative; empty when
   * it is blank, malformed, too long, or not an http(s) URL.
   */
  public static Optional<String> canonical(String raw, URI base) {
    return absolute(raw, base).map(ArticleUrls::canonicalize);
  }

  /** {@code raw} made absolute and parsed, without canonicalization; empty unless http(s). */
  public static Optional<URI> absolute(String raw, URI base) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = stripInvisible(raw);
    if (text.isEmpty() || text.length() > ArticleLimits.MAX_URL_CHARS) {
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
    StringBuilder out = new StringBuilder(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      out.append(uri.getRawUserInfo()).append('@');
    }
    out.append(host);
    if (!isDefaultPort(uri)) {
      out.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    out.append(path == null || path.isEmpty() ? "/" : path);
    String query = withoutTracking(uri.getRawQuery(), false);
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

  private static boolean isDefaultPort(URI u) {
    int port = u.getPort();
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    return port < 0 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
  }
}
