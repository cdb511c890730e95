package dev.newsflow.streams.aggregate.releases;

import dev.newsflow.streams.event.ArticleFacts;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.event.ReleaseSighting;
import dev.newsflow.streams.phrases.Phrases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One company's releases as the news reports them (enrichment's {@code detectedReleases}), by family and
 * version, with the articles reporting each. A release reported by at least {@link #MIN_OUTLETS} distinct
 * outlets ({@link ArticleFacts#sourceKey}) and of which no release event is known is confirmed: it
 * counts like a published release ({@link #confirmed}). Reports follow their articles exactly: a revision
 * replaces an article's reports, a withdrawal takes them back. Plain data (JSON in the company's state).
 */
public final class ReleaseReports {
  /** Independent outlets needed before a release found in the news counts. */
  public static final int MIN_OUTLETS = 2;
  private static final char SEPARATOR = '\u001F';
  /**
   * Reports kept of one release, at the most: of each outlet its {@link #KEPT_PER_OUTLET} earliest, of the
   * {@link #OUTLETS_KEPT} outlets that reported it first. A release the whole press covers, with no release event
   * to end it, would otherwise keep every report (thousands, a few hundred bytes each) in the company's state, past
   * what one Kafka record holds. Only later reports go, so a release is confirmed, dated and quoted as before.
   */
  static final int KEPT_PER_OUTLET = 3;
  static final int OUTLETS_KEPT = 50;

  /** One article's report of one release. */
  public record Report(String product, String version, String sourceKey, long publishedAt, String url,
      String evidence) {}

  private static final Comparator<Map.Entry<String, Report>> FIRST_REPORTED =
      Comparator.<Map.Entry<String, Report>>comparingLong(e -> e.getValue().publishedAt())
          .thenComparing(Map.Entry::getKey);

  /** Reports by release key (family and version), then by article id. */
  private TreeMap<String, TreeMap<String, Report>> reports = new TreeMap<>();

  /** The key of a release: its family and version as compared. */
  public static String key(String product, String version) {
    return Phrases.normalize(product) + SEPARATOR + ReleaseBook.versionKey(version);
  }

  /** The family of a key. */
  public static String family(String key) {
    return key.substring(0, key.indexOf(SEPARATOR));
  }

  /** The id of the release found in the news under {@code key}, e.g. {@code coverage:bytedance:seedance:2.0}. */
  public static String id(String companyId, String key) {
    return "coverage:" + companyId + ":" + family(key) + ":" + key.substring(key.indexOf(SEPARATOR) + 1);
  }

  /**
   * Applies an article's change ({@code before} withdrawn, {@code after} counted, either may be null) and
   * returns the keys of the releases whose reports changed. Reports of a release whose event is already
   * known are not kept: they can no longer change anything.
   */
  public Set<String> apply(ArticleFacts before, ArticleFacts after, ReleaseBook book) {
    Set<String> changed = new TreeSet<>();
    if (before != null) {
      for (ReleaseSighting s : before.releases()) {
        String key = key(s.product(), s.version());
        TreeMap<String, Report> byArticle = reports.get(key);
        if (byArticle != null && byArticle.remove(before.articleId()) != null) {
          changed.add(key);
          if (byArticle.isEmpty()) {
            reports.remove(key);
          }
        }
      }
    }
    if (after != null) {
      for (ReleaseSighting s : after.releases()) {
        if (book.published(Phrases.normalize(s.product()), s.version())) {
          continue;
        }
        String key = key(s.product(), s.version());
        Report report = new Report(s.product(), s.version(), after.sourceKey(), after.publishedAt(), after.url(),
            s.evidence());
        TreeMap<String, Report> byArticle = reports.computeIfAbsent(key, k -> new TreeMap<>());
        Report was = byArticle.put(after.articleId(), report);
        if (!report.equals(was)) {
          changed.add(key);
        }
        if (byArticle.size() > KEPT_PER_OUTLET * OUTLETS_KEPT) {
          keepEarliest(byArticle);
        }
      }
    }
    return changed;
  }

  /** Drops the reports beyond {@link #KEPT_PER_OUTLET} of an outlet and those of outlets beyond {@link #OUTLETS_KEPT}. */
  private static void keepEarliest(TreeMap<String, Report> byArticle) {
    List<Map.Entry<String, Report>> inOrder = new ArrayList<>(byArticle.entrySet());
    inOrder.sort(FIRST_REPORTED);
    Map<String, Integer> perOutlet = new HashMap<>();
    for (Map.Entry<String, Report> e : inOrder) {
      String outlet = Objects.requireNonNullElse(e.getValue().sourceKey(), "");
      boolean newOutlet = !perOutlet.containsKey(outlet);
      int n = perOutlet.merge(outlet, newOutlet && perOutlet.size() >= OUTLETS_KEPT ? KEPT_PER_OUTLET + 1 : 1,
          Integer::sum);
      if (n > KEPT_PER_OUTLET) {
        byArticle.remove(e.getKey());
      }
    }
  }

  /** Reports kept, of all releases. */
  int size() {
    return reports.values().stream().mapToInt(Map::size).sum();
  }

  /** A release event of this key arrived: its reports are no longer needed. */
  public void forget(String key) {
    reports.remove(key);
  }

  /**
   * The release under {@code key} as found in the news, when {@link #MIN_OUTLETS} distinct outlets report it:
   * named, dated and quoted as its first report (earliest publication, then article id) has it, with the first
   * outlets that reported it as its source. Null while it is not confirmed.
   */
  public ReleaseFacts confirmed(String companyId, String key) {
    TreeMap<String, Report> byArticle = reports.get(key);
    if (byArticle == null) {
      return null;
    }
    List<Map.Entry<String, Report>> inOrder = new ArrayList<>(byArticle.entrySet());
    inOrder.sort(FIRST_REPORTED);
    Set<String> outlets = new LinkedHashSet<>();
    for (Map.Entry<String, Report> e : inOrder) {
      if (e.getValue().sourceKey() != null) {
        outlets.add(e.getValue().sourceKey());
      }
      if (outlets.size() >= MIN_OUTLETS) {
        Report first = inOrder.get(0).getValue();
        return new ReleaseFacts(id(companyId, key), companyId, first.product(), first.version(), null, first.publishedAt(), first.url(),
            first.evidence(), String.join(", ", outlets), true);
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReleaseReports r && Objects.equals(reports, r.reports);
  }

  @Override
  public int hashCode() {
    return reports.hashCode();
  }
}
