package dev.newsflow.producer.feed;

import dev.newsflow.contract.Sha256;

/**
 * Stable article ids for feed items, the same on every poll and after every restart:
 * <ol>
 *   <li>the item's GUID (RSS guid, Atom id, JSON Feed id) when it has one: taken alone when it is an
 *       absolute URI ({@code http:}, {@code tag:}, {@code urn:}) and so globally unique, otherwise
 *       qualified by the feed, because {@code 1}, {@code 2}, ... are unique only within a feed;</li>
 *   <li>else the canonical URL of its link ({@link dev.newsflow.contract.ArticleUrls#canonical}), so that
 *       the same page reached with different tracking parameters is one article;</li>
 *   <li>else the feed, title and text together.</li>
 * </ol>
 * The id is {@code feed-} and the first 128 bits of the SHA-256 of that identity, in hex.
 */
public final class ItemIds {
  public static final String PREFIX = "feed-";

  private ItemIds() {}

  public static String of(String guid, String canonicalLink, String feedIdentity, String title, String text) {
    String identity;
    if (guid != null && !guid.isBlank()) {
      String g = guid.strip();
      identity = isGloballyUnique(g) ? "guid " + g : "guid " + feedIdentity + " " + g;
    } else if (canonicalLink != null) {
      identity = "url " + canonicalLink;
    } else {
      identity = "content " + feedIdentity + "\n" + title + "\n" + text;
    }
    return PREFIX + Sha256.hex(identity, 16);
  }

  static boolean isGloballyUnique(String guid) {
    int colon = guid.indexOf(':');
    if (colon < 2) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = guid.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    return colon + 1 < guid.length();
  }
}
