package dev.newsflow.streams.aggregate.releases;

import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.streams.event.ReleaseFacts;
import dev.newsflow.streams.phrases.Phrases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One company's releases by product family: which is the latest of each family (by {@link VersionOrder},
 * then release date), which was the first, and which release an article about a family is coverage of.
 * A release found in the news ({@link ReleaseFacts#detected}) counts like a published one until a release
 * event of the same family and version arrives: that event takes its place (and its alert, {@link #alertKey}).
 * Plain data (serialized with the company's state), with the rules as methods.
 */
public final class ReleaseBook {
  /** Releases kept per family; beyond it the oldest are forgotten (the latest and first stay exact enough). */
  public static final int MAX_PER_FAMILY = 100;
  /**
   * Releases kept per company, of all its families; beyond it the oldest are forgotten, and a family whose
   * releases are all forgotten is forgotten with them. Bounded so that the company's state fits in one Kafka
   * record (1 MB), however many products its news names over the years.
   */
  public static final int MAX_RELEASES = 200;
  /**
   * Characters of text the kept releases may hold together ({@link #chars}): a few releases with fields at
   * the contract's limits must not fill the record either. The oldest go first, as for {@link #MAX_RELEASES}.
   */
  public static final int MAX_CHARS = 100_000;

  private Map<String, List<ReleaseFacts>> families = new LinkedHashMap<>();

  /**
   * What adding a release changed.
   *
   * @param replacedDetected the detected release of the same family and version that the added release event replaced
   */
  public record Added(boolean changed, boolean newLatest, boolean firstOfFamily, ReleaseFacts previousLatest,
      ReleaseFacts replacedDetected) {}

  /**
   * A release judged in event time, whatever order releases arrived in: against the family's releases
   * published before it (by release date, then id), is it the newest version so far?
   *
   * @param newest it is later in {@link #latestOrder} than every release before it
   * @param firstOfFamily no release of the family came before it
   * @param releasesSoFar the family's releases up to and including it
   * @param previousLatest the latest release before it, null for the first
   */
  public record Judgement(ReleaseFacts release, boolean newest, boolean firstOfFamily, int releasesSoFar,
      ReleaseFacts previousLatest) {}

  private static final Comparator<ReleaseFacts> RELEASED = Comparator.comparingLong(ReleaseFacts::releasedAt)
      .thenComparing(ReleaseFacts::id);

  /** Every release of {@code release}'s family from it on in event time, each judged against those before it. */
  public List<Judgement> judgeFrom(ReleaseFacts release) {
    String family = release.family();
    List<ReleaseFacts> list = new ArrayList<>(families.getOrDefault(family, List.of()));
    list.sort(RELEASED);
    Comparator<ReleaseFacts> latest = latestOrder(family);
    List<Judgement> out = new ArrayList<>();
    ReleaseFacts best = null;
    for (int i = 0; i < list.size(); i++) {
      ReleaseFacts r = list.get(i);
      if (RELEASED.compare(r, release) >= 0) {
        out.add(new Judgement(r, best == null || latest.compare(r, best) > 0, i == 0, i + 1, best));
      }
      best = best == null || latest.compare(r, best) > 0 ? r : best;
    }
    return out;
  }

  /** Latest of a family: highest version, then newest, then id. */
  public static Comparator<ReleaseFacts> latestOrder(String family) {
    VersionOrder versions = VersionOrder.forFamily(family);
    return Comparator.<ReleaseFacts, String>comparing(ReleaseFacts::version, Comparator.nullsFirst(versions))
        .thenComparingLong(ReleaseFacts::releasedAt)
        .thenComparing(ReleaseFacts::id);
  }

  /** First of a family: earliest release date, then lowest version, then id. */
  private static Comparator<ReleaseFacts> firstOrder(String family) {
    VersionOrder versions = VersionOrder.forFamily(family);
    return Comparator.comparingLong(ReleaseFacts::releasedAt)
        .thenComparing(ReleaseFacts::version, Comparator.nullsFirst(versions))
        .thenComparing(ReleaseFacts::id);
  }

  /**
   * What alerts about a release are keyed by (the "story" of NEW_RELEASE): a numbered release by its company,
   * family and version, so that a release found in the news and the release event that later takes its place
   * are one alert whichever arrives first; a release without a version by its id.
   */
  public static String alertKey(ReleaseFacts release) {
    return release.version() == null ? "release/" + release.id()
        : "release/" + release.companyId() + ":" + release.family() + ":" + versionKey(release.version());
  }

  public Added add(ReleaseFacts release) {
    String family = release.family();
    List<ReleaseFacts> list = families.computeIfAbsent(family, k -> new ArrayList<>());
    Optional<ReleaseFacts> previousLatest = latest(family);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(release.id())) {
        if (list.get(i).equals(release)) {
          return new Added(false, false, false, previousLatest.orElse(null), null);
        }
        list.set(i, release); // a corrected release record: not a new release
        return new Added(true, false, false, previousLatest.orElse(null), null);
      }
    }
    ReleaseFacts replaced = null;
    if (!release.detected()) {
      replaced = list.stream().filter(r -> r.detected() && sameVersion(r, release)).findFirst().orElse(null);
      if (replaced != null) {
        // The release event is the release the news reported: it takes the detected one's place.
        list.remove(replaced);
        previousLatest = latest(family);
      }
    }
    boolean first = list.isEmpty();
    list.add(release);
    if (list.size() > MAX_PER_FAMILY) {
      list.remove(list.stream().min(RELEASED).orElseThrow());
    }
    forgetOldest();
    boolean newLatest = previousLatest.isEmpty() || latestOrder(family).compare(release, previousLatest.get()) > 0;
    return new Added(true, newLatest, first, previousLatest.orElse(null), replaced);
  }

  /**
   * Forgets the company's oldest releases (release date, then id) while it keeps more than {@link #MAX_RELEASES}
   * or {@link #MAX_CHARS}: the newest are kept, the same ones whatever order the releases came in.
   */
  private void forgetOldest() {
    int count = 0;
    long chars = 0;
    for (List<ReleaseFacts> list : families.values()) {
      count += list.size();
      for (ReleaseFacts r : list) {
        chars += chars(r);
      }
    }
    while (count > MAX_RELEASES || chars > MAX_CHARS) {
      ReleaseFacts oldest = families.values().stream().flatMap(List::stream).min(RELEASED).orElseThrow();
      List<ReleaseFacts> list = families.get(oldest.family());
      list.remove(oldest);
      if (list.isEmpty()) {
        families.remove(oldest.family());
      }
      count--;
      chars -= chars(oldest);
    }
  }

  /** The text a release holds, in characters: what it adds to the company's record, give or take. */
  static long chars(ReleaseFacts r) {
    return length(r.id()) + length(r.companyId()) + length(r.product()) + length(r.version()) + length(r.category())
        + length(r.url()) + length(r.summary()) + length(r.source());
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  /** A detected release that lost its confirmation leaves the book; false when it was not in it. */
  public boolean removeDetected(ReleaseFacts detected) {
    List<ReleaseFacts> list = families.get(detected.family());
    if (list == null || !list.removeIf(r -> r.detected() && r.id().equals(detected.id()))) {
      return false;
    }
    if (list.isEmpty()) {
      families.remove(detected.family());
    }
    return true;
  }

  /** The detected release of this id, if the book holds it. */
  public Optional<ReleaseFacts> detected(String family, String id) {
    return families.getOrDefault(family, List.of()).stream().filter(r -> r.detected() && r.id().equals(id)).findFirst();
  }

  /** Whether a release event of this family and version is known. */
  public boolean published(String family, String version) {
    return families.getOrDefault(family, List.of()).stream()
        .anyMatch(r -> !r.detected() && versionKey(r.version()).equals(versionKey(version)));
  }

  /** One release, whatever the spelling of its version: "2.0" and " 2.0" are one version. */
  private static boolean sameVersion(ReleaseFacts a, ReleaseFacts b) {
    return versionKey(a.version()).equals(versionKey(b.version()));
  }

  /** A version as compared, in the phrase normal form; "" for none. */
  public static String versionKey(String version) {
    return version == null ? "" : Phrases.normalize(version);
  }

  public Optional<ReleaseFacts> latest(String family) {
    List<ReleaseFacts> list = families.getOrDefault(family, List.of());
    return list.stream().max(latestOrder(family));
  }

  public Optional<ReleaseFacts> first(String family) {
    List<ReleaseFacts> list = families.getOrDefault(family, List.of());
    return list.stream().min(firstOrder(family));
  }

  /** How many releases of {@code family} are known. */
  public int count(String family) {
    return families.getOrDefault(family, List.of()).size();
  }

  /**
   * The latest release of each family, newest release date first, with whether it is also the family's
   * first release and its coverage from {@code coverage} (by release id).
   */
  public List<ReleaseRef> latestRefs(Map<String, Long> coverage, int limit) {
    List<ReleaseRef> refs = new ArrayList<>();
    for (String family : families.keySet()) {
      ReleaseFacts latest = latest(family).orElseThrow();
      boolean first = first(family).map(f -> f.id().equals(latest.id())).orElse(false);
      refs.add(latest.toRef(first, coverage.getOrDefault(latest.id(), 0L)));
    }
    refs.sort(Comparator.comparing((ReleaseRef r) -> r.getReleasedAt()).reversed().thenComparing(ReleaseRef::getId));
    return refs.size() <= limit ? refs : List.copyOf(refs.subList(0, limit));
  }

  /**
   * The releases an article is coverage of: for each family the article names, the family's newest
   * release published at or before the article (an article about "Seedance" from the day after Seedance 2.0
   * is coverage of 2.0, not of 1.0).
   */
  public List<String> coveredBy(long publishedAt, String normalizedText) {
    List<String> ids = new ArrayList<>();
    families.forEach((family, list) -> {
      if (Phrases.containsProduct(normalizedText, family)) {
        list.stream()
            .filter(r -> r.releasedAt() <= publishedAt)
            .max(Comparator.comparingLong(ReleaseFacts::releasedAt).thenComparing(latestOrder(family)))
            .ifPresent(r -> ids.add(r.id()));
      }
    });
    return ids;
  }

  /** Whether the text names any family of this company: only then can coverage change. */
  public boolean namesAnyFamily(String normalizedText) {
    return families.keySet().stream().anyMatch(f -> Phrases.containsProduct(normalizedText, f));
  }
}
