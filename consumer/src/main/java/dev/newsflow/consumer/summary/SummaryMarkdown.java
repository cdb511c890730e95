package dev.newsflow.consumer.summary;

import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.ReleaseRef;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A company summary as Markdown a person reads: latest releases, activity, trend, top headlines. */
public final class SummaryMarkdown {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private SummaryMarkdown() {}

  public static String render(CompanySummary s) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(text(s.getName())).append("\n\n");
    md.append("`").append(s.getCompanyId()).append("` · updated ").append(WHEN.format(s.getUpdatedAt())).append("\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| Articles | ").append(s.getArticleCount()).append(" |\n");
    md.append("| Mentions | ").append(s.getMentionCount()).append(" |\n");
    md.append("| Last 24 h | ").append(s.getLast24hArticles()).append(" articles |\n");
    if (s.getTrendScore() != null) {
      md.append("| Trend | ").append(String.format(Locale.ROOT, "%+.2f", s.getTrendScore())).append(" |\n");
    }
    if (s.getSentiment() != null) {
      md.append("| Sentiment | ").append(String.format(Locale.ROOT, "%+.2f", s.getSentiment())).append(" |\n");
    }
    if (!s.getTopTopics().isEmpty()) {
      md.append("| Topics | ").append(text(String.join(", ", s.getTopTopics()))).append(" |\n");
    }
    if (!s.getLatestReleases().isEmpty()) {
      md.append("\n## Latest releases\n\n");
      for (ReleaseRef r : s.getLatestReleases()) {
        String name = r.getProduct() + (r.getVersion() == null ? "" : " " + r.getVersion());
        md.append("- ").append(link(name, r.getUrl()));
        if (r.getReleasedAt() != null) {
          md.append(" — ").append(WHEN.format(r.getReleasedAt()));
        }
        if (r.getFirstOfFamily()) {
          md.append(" (first of its family)");
        }
        md.append('\n');
      }
    }
    if (!s.getLatestHeadlines().isEmpty()) {
      md.append("\n## Top headlines\n\n");
      for (Headline h : s.getLatestHeadlines()) {
        md.append("- ").append(link(h.getTitle(), h.getUrl()));
        if (h.getSource() != null) {
          md.append(" — ").append(text(h.getSource()));
        }
        if (h.getPublishedAt() != null) {
          md.append(", ").append(WHEN.format(h.getPublishedAt()));
        }
        md.append('\n');
      }
    }
    return md.toString();
  }

  private static String link(String label, String url) {
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      return text(label);
    }
    return "[" + text(label) + "](" + url.replace(")", "%29").replace(" ", "%20") + ")";
  }

  /** Article text cannot inject Markdown or HTML: the characters that would are escaped. */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '<', '>' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
