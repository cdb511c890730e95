package dev.newsflow.consumer.summary;

import dev.newsflow.schema.CompanyDigest;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.ReleaseRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A company summary as Markdown a person reads: a one-line overview, the digest (the last 24 hours and the
 * last 7 days in a few sentences, when the summary has one), the latest releases, the last 24 hours and the
 * trend, and the top headlines with links. Text from articles is escaped so it cannot
 * inject Markdown or HTML, and only http(s) links become links.
 */
public final class SummaryMarkdown {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  /** A numbered main story in a digest's text. */
  private static final Pattern ITEM = Pattern.compile("(\\d+)\\. (.*)");

  private SummaryMarkdown() {}

  public static String render(CompanySummary s) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(text(s.getName())).append("\n\n");
    md.append(overview(s)).append("\n\n");
    md.append("`").append(s.getCompanyId()).append("` · updated ").append(when(s.getUpdatedAt())).append("\n\n");

    if (s.getDigest() != null) {
      md.append(digest(s.getDigest())).append('\n');
    }

    md.append("## Latest releases\n\n");
    if (s.getLatestReleases().isEmpty()) {
      md.append("None seen yet.\n");
    } else {
      md.append("| Release | Category | Released |\n|---|---|---|\n");
      for (ReleaseRef r : s.getLatestReleases()) {
        String name = r.getProduct() + (r.getVersion() == null ? "" : " " + r.getVersion());
        md.append("| ").append(link(name, r.getUrl())).append(r.getFirstOfFamily() ? " (new family)" : "")
            .append(r.getDetectedFromCoverage() ? " (detected from coverage)" : "")
            .append(" | ").append(r.getCategory() == null ? "" : text(r.getCategory()))
            .append(" | ").append(when(r.getReleasedAt())).append(" |\n");
      }
    }

    md.append("\n## Activity\n\n");
    md.append("- Last 24 hours: ").append(plural(s.getLast24hArticles(), "article")).append('\n');
    md.append("- Trend: ").append(trend(s.getTrendScore())).append('\n');
    md.append("- Coverage so far: ").append(plural(s.getArticleCount(), "article")).append(", ")
        .append(plural(s.getMentionCount(), "mention")).append('\n');
    if (s.getSentiment() != null) {
      md.append("- Tone: ").append(tone(s.getSentiment())).append('\n');
    }
    if (!s.getTopTopics().isEmpty()) {
      md.append("- Topics: ").append(text(String.join(", ", s.getTopTopics()))).append('\n');
    }

    md.append("\n## Top headlines\n\n");
    if (s.getLatestHeadlines().isEmpty()) {
      md.append("None yet.\n");
    } else {
      for (Headline h : s.getLatestHeadlines()) {
        md.append("- ").append(link(h.getTitle(), h.getUrl()));
        List<String> about = new ArrayList<>();
        if (h.getSource() != null) {
          about.add(text(h.getSource()));
        }
        if (h.getPublishedAt() != null) {
          about.add(when(h.getPublishedAt()));
        }
        if (!about.isEmpty()) {
          md.append(" — ").append(String.join(", ", about));
        }
        md.append('\n');
      }
    }
    return md.toString();
  }

  /**
   * The digest's own sentences (one line per period, one per main story), as paragraphs and numbered items;
   * the key sentences are article text, escaped like any.
   */
  static String digest(CompanyDigest d) {
    StringBuilder md = new StringBuilder("## Digest\n");
    boolean inList = false;
    for (String line : d.getText().split("\n")) {
      Matcher item = ITEM.matcher(line);
      if (item.matches()) {
        md.append(inList ? "" : "\n").append(item.group(1)).append(". ").append(text(item.group(2))).append('\n');
        inList = true;
      } else if (!line.isBlank()) {
        md.append('\n').append(text(line)).append('\n');
        inList = false;
      }
    }
    return md.toString();
  }

  private static String overview(CompanySummary s) {
    StringBuilder line = new StringBuilder("**").append(plural(s.getArticleCount(), "article")).append("**, ");
    if (s.getLast24hArticles() == 0 && s.getArticleCount() > 0) {
      // The last 24 hours run to the newest news of every company, the digest's periods to this company's own:
      // a company out of the news says when it last had some, so "none" does not read against its digest.
      line.append("none in the last 24 hours (its latest news ").append(when(s.getUpdatedAt())).append(')');
    } else {
      line.append(s.getLast24hArticles()).append(" in the last 24 hours");
    }
    if (s.getTrendScore() != null) {
      line.append("; coverage ").append(trendWord(s.getTrendScore()));
    }
    if (!s.getLatestReleases().isEmpty()) {
      ReleaseRef r = s.getLatestReleases().get(0);
      line.append("; latest release ").append(text(r.getProduct() + (r.getVersion() == null ? "" : " " + r.getVersion())));
    }
    return line.append('.').toString();
  }

  private static String trend(Double score) {
    if (score == null) {
      return "not known yet";
    }
    return trendWord(score) + " (" + String.format(Locale.ROOT, "%+.2f", score) + ")";
  }

  private static String trendWord(double score) {
    if (score >= 1) {
      return "rising sharply";
    }
    if (score > 0.1) {
      return "rising";
    }
    if (score <= -1) {
      return "falling sharply";
    }
    if (score < -0.1) {
      return "falling";
    }
    return "steady";
  }

  private static String tone(double sentiment) {
    String word = sentiment > 0.25 ? "positive" : sentiment < -0.25 ? "negative" : "neutral";
    return word + " (" + String.format(Locale.ROOT, "%+.2f", sentiment) + ")";
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String when(Instant t) {
    return t == null ? "" : WHEN.format(t);
  }

  /** A link only for http(s) URLs, with every character that could end or break the link percent-encoded. */
  static String link(String label, String url) {
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
      return text(label);
    }
    StringBuilder safe = new StringBuilder();
    for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c > 0x20 && c < 0x7f && "()<>[]\"'`\\ ".indexOf(c) < 0) {
        safe.append(c);
      } else {
        safe.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return "[" + text(label) + "](" + safe + ")";
  }

  /** Article text cannot inject Markdown or HTML: the characters that would are escaped. */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '<', '>', '~', '&' -> out.append('\\').append(c);
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
