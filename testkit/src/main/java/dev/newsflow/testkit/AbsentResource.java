package dev.newsflow.testkit;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The one rule for a test whose resource is missing (the shared data, a PostgreSQL server, a browser):
 * on a user's machine it is skipped with the reason printed; under {@code CI=true} it fails, because CI
 * provides every resource and a skip there would hide a broken install step.
 */
public final class AbsentResource {
  private AbsentResource() {}

  /** Never returns normally: skips the calling test, or fails it under CI. */
  public static void skip(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionFailedError(reason + "; under CI=true this must be present (.ci/run provides it)");
    }
    System.out.println("SKIPPED: " + reason);
    Assumptions.abort(reason);
  }
}
