package dev.newsflow.streams.enrich.dedup;

/** Chooses among verdicts: the earliest original wins (it is the story's first article), then the stronger rule. */
public final class Decision {
  private Decision() {}

  /** The better of two verdicts about the same article; a match beats no match. */
  public static Verdict better(Verdict current, Verdict candidate) {
    if (candidate == null || !candidate.matched()) {
      return current;
    }
    if (current == null || !current.matched()) {
      return candidate;
    }
    if (candidate.originalId().equals(current.originalId())) {
      return strength(candidate.rule()) > strength(current.rule()) ? candidate : current;
    }
    return Probe.precedes(candidate.originalOrder(), candidate.originalId(), current.originalOrder(),
        current.originalId()) ? candidate : current;
  }

  private static int strength(String rule) {
    return switch (rule) {
      case "exact-url" -> 4;
      case "exact-content" -> 3;
      case "near-duplicate" -> 2;
      default -> 1;
    };
  }
}
