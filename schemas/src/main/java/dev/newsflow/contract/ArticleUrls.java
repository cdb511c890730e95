package dev.newsflow.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What in an article's URL identifies it, defined once for every stage: the producer's canonical link,
 * dedup's exact-URL rule and the outlet an article counts for. Two copies of a story that one stage takes
 * for the same page, every other stage does too.
 *
 * <ul>
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

  private static boolean isDefaultPort(URI u) {
    int port = u.getPort();
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    return port < 0 || (port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"));
  }
}
