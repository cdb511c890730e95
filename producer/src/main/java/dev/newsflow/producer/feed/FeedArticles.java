package dev.newsflow.producer.feed;

import dev.newsflow.contract.ArticleLimits;
import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.ArticleUrls;
import dev.newsflow.contract.Whitespace;
import dev.newsflow.producer.text.HtmlText;
import dev.newsflow.schema.Article;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns feed items into articles: a stable id ({@link ItemIds}), HTML made clean text, the link made
 * canonical and kept only when it is http(s), the date parsed or, when missing or unreadable, the
 * fetch time (an unreadable date is noted). An item with neither a title nor any text is refused.
 */
public final class FeedArticles {
  public static final int MAX_TITLE_CHARS = ArticleLimits.MAX_TITLE_CHARS;
  public static final int MAX_BODY_CHARS = ArticleLimits.MAX_BODY_CHARS;
  public static final int MAX_NAME_CHARS = 300;
  private static final int DERIVED_TITLE_CHARS = 120;

  private FeedArticles() {}

  /** An article, or the reason there is none, with notes about what was replaced or dropped. */
  public record Result(Article article, String rejection, List<String> notes) {
    public boolean isRejected() {
      return article == null;
    }
  }

  /**
   * @param source    where the feed came from: its URL (resolves relative links) or, for a file, null
   * @param sourceKey identifies the feed when GUIDs are only unique within it: its URL or file name
   * @param fetchedAt the date given to items without a readable one
   */
  public static Result toArticle(Feed feed, FeedItem item, URI source, String sourceKey, Instant fetchedAt) {
    List<String> notes = new ArrayList<>();
    URI base = base(feed, source);
    String body = ArticleText.truncate(HtmlText.toText(item.content() != null ? item.content() : item.summary()),
        MAX_BODY_CHARS);
    if (body == null) {
      body = "";
    }
    String title = ArticleText.truncate(HtmlText.toLine(item.title()), MAX_TITLE_CHARS);
    if (title == null || title.isEmpty()) {
      if (body.isEmpty()) {
        return new Result(null, "the item has neither a title nor any text", notes);
      }
      title = ArticleText.truncate(Whitespace.collapse(body), DERIVED_TITLE_CHARS);
    }
    String link = null;
    if (item.link() != null) {
      Optional<String> canonical = ArticleUrls.canonical(item.link(), base);
      if (canonical.isPresent()) {
        link = canonical.get();
      } else {
        notes.add("dropped the link '" + quoted(item.link())
            + "': not an http(s) URL");
      }
    }
    Instant published = item.published();
    if (published == null && item.dateText() != null) {
      published = FeedDates.parse(item.dateText());
      if (published == null) {
        notes.add("unparseable date '" + quoted(item.dateText())
            + "'; used the fetch time " + fetchedAt);
      }
    }
    if (published == null) {
      published = fetchedAt;
    }
    String feedKey = feedIdentity(feed, base, sourceKey);
    Article article = Article.newBuilder()
        .setId(ItemIds.of(ArticleText.clean(item.guid()), link, feedKey, title, body))
        .setTitle(title)
        .setBody(body)
        .setUrl(link)
        .setSource(source(feed, base))
        .setPublishedAt(published)
        .setLanguage(language(feed.language()))
        .setAuthor(emptyToNull(ArticleText.truncate(HtmlText.toLine(item.author()), MAX_NAME_CHARS)))
        .build();
    return new Result(article, null, notes);
  }

  private static URI base(Feed feed, URI source) {
    if (source != null && ArticleUrls.absolute(source.toString(), null).isPresent()) {
      return source;
    }
    return feed.link() == null ? null : ArticleUrls.absolute(feed.link(), null).orElse(null);
  }

  private static String feedIdentity(Feed feed, URI base, String sourceKey) {
    if (feed.link() != null) {
      Optional<String> home = ArticleUrls.canonical(feed.link(), base);
      if (home.isPresent()) {
        return home.get();
      }
    }
    return sourceKey == null ? "" : sourceKey;
  }

  private static String source(Feed feed, URI base) {
    String title = emptyToNull(ArticleText.truncate(HtmlText.toLine(feed.title()), MAX_NAME_CHARS));
    if (title != null) {
      return title;
    }
    return base == null ? null : base.getHost();
  }

  /** A BCP 47 tag such as {@code en-US} from what feeds write ({@code en-us}, {@code en_US}); else null. */
  static String language(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 35) {
      return null;
    }
    try {
      String tag = new Locale.Builder().setLanguageTag(raw.strip().replace('_', '-')).build().toLanguageTag();
      return tag.equals("und") ? null : tag;
    } catch (IllformedLocaleException e) {
      return null;
    }
  }

  /** Untrusted text as a note quotes it: in the contract's normal form, on one line, at most 80 characters. */
  private static String quoted(String raw) {
    return ArticleText.truncate(Whitespace.collapse(ArticleText.clean(raw)), 80);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
