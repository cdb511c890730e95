package dev.newsflow.streams.aggregate.digest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A digest as a few short plain sentences: per period, what the coverage amounts to, then each main story
 * with its key sentence in quotation marks. The sentences around the key sentences are English; a key sentence
 * stays in its article's language.
 *
 * <pre>
 * 24 hours to 2026-02-11 07:00 UTC: 8 articles about ByteDance from 7 outlets, neutral in tone.
 * 1. 8 reports from 7 outlets in English and Chinese: "ByteDance released Seedance 2.0, ..."
 * 7 days to 2026-02-11 07:00 UTC: ...
 * </pre>
 *
 * A period without articles says so first: "No articles about Acme in the 24 hours to 2026-02-11 07:00 UTC,
 * though it usually has some." (the second clause when there is history to compare with).
 *
 * Each period is dated by its end (the end of the digest's hour): a digest is as of the company's latest
 * news, which for a company out of the news is not today.
 */
public final class DigestText {
  private DigestText() {}

  private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** The last end told, kept because every digest of an hour tells the same one. */
  private static volatile Told lastEnd = new Told(Long.MIN_VALUE, "");
  /** English names of the language tags seen, e.g. {@code zh} is Chinese. */
  private static final Map<String, String> LANGUAGES = new ConcurrentHashMap<>();
  /** Tags come from the articles: at most this many are kept. */
  private static final int LANGUAGES_KEPT = 1_000;

  private record Told(long hour, String text) {}

  public static String render(String name, long asOfHour, Digest.Period day, Digest.Period week, Coverage coverage) {
    Told told = lastEnd;
    if (told.hour() != asOfHour) {
      told = new Told(asOfHour, END.format(Instant.ofEpochMilli(asOfHour + DigestWindow.HOUR)));
      lastEnd = told;
    }
    String end = told.text();
    StringBuilder out = new StringBuilder();
    period(out, "24 hours to " + end, name, day, coverage);
    out.append('\n');
    period(out, "7 days to " + end, name, week, null);
    return out.toString();
  }

  private static void period(StringBuilder out, String label, String name, Digest.Period p, Coverage coverage) {
    if (p.articles() == 0) {
      // "24 hours to ...: 0 articles" reads as a form; a sentence reads as news. Without articles the coverage
      // is nil against some usual coverage, said in words.
      out.append("No articles about ").append(name).append(" in the ").append(label);
      if (coverage != null) {
        out.append(", though it usually has some");
      }
      out.append('.');
      return;
    }
    out.append(label).append(": ");
    out.append(count(p.articles(), "article")).append(" about ").append(name);
    if (p.outlets() > 0) {
      out.append(" from ").append(count(p.outlets(), "outlet"));
    }
    if (p.tone() != null) {
      out.append(", ").append(p.tone().word()).append(" in tone");
    }
    if (coverage != null) {
      out.append("; ").append(coverage.phrase());
    }
    out.append('.');
    int n = 1;
    for (Digest.Story s : p.stories()) {
      out.append('\n').append(n++).append(". ").append(count(s.reports(), "report"));
      if (s.outlets() > 0) {
        out.append(" from ").append(count(s.outlets(), "outlet"));
      }
      if (!s.languages().isEmpty()) {
        out.append(" in ").append(languages(s.languages()));
      }
      if (s.keySentence() != null) {
        out.append(": \u201C").append(s.keySentence()).append('\u201D');
      } else {
        out.append('.');
      }
    }
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** "English", "English and Chinese", "Chinese, English and French". */
  static String languages(List<String> tags) {
    List<String> names = tags.stream().map(DigestText::language).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  static String language(String tag) {
    String known = LANGUAGES.get(tag);
    if (known != null) {
      return known;
    }
    String n = Locale.forLanguageTag(tag).getDisplayLanguage(Locale.ENGLISH);
    n = n.isEmpty() ? tag : n;
    if (LANGUAGES.size() < LANGUAGES_KEPT) {
      LANGUAGES.put(tag, n);
    }
    return n;
  }
}
