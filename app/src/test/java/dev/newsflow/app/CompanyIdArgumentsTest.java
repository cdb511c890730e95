package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A company id given on the command line is checked as the producer checks ids ({@code CompanyIds}), before any
 * wait for the cluster: one in capitals is told its lowercase form. Before, {@code digest BYTEDANCE} waited for
 * the cluster and then called the company unknown, and {@code tail --filter company=BYTEDANCE} printed nothing.
 */
class CompanyIdArgumentsTest {
  private static final String SLUG = "must be a lowercase slug (a-z, 0-9, '.', '_', '-', starting with a letter or "
      + "digit, at most 128 characters), such as bytedance";

  @Test
  void digestOfAnIdInCapitalsNamesItsLowercaseForm() {
    // nothing listens on port 1: a refusal after the wait would name the cluster instead
    InProcess run = InProcess.run("digest", "BYTEDANCE", "--bootstrap-servers", "127.0.0.1:1");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: company id 'BYTEDANCE' " + SLUG + ": bytedance, not BYTEDANCE\n"
        + "newsflow: 'newsflow digest --help' lists what newsflow digest takes\n", run.err());
  }

  @Test
  void digestOfAnIdNoCaseCanMendIsRefusedWithoutAGuess() {
    InProcess run = InProcess.run("digest", "byte dance", "--bootstrap-servers", "127.0.0.1:1");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: company id 'byte dance' " + SLUG + "\n"
        + "newsflow: 'newsflow digest --help' lists what newsflow digest takes\n", run.err());
  }

  @Test
  void tailFilteredByAnIdInCapitalsNamesItsLowercaseForm() {
    InProcess run = InProcess.run("tail", "articles.enriched", "--filter", "company=ByteDance",
        "--bootstrap-servers", "127.0.0.1:1");
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: --filter company='ByteDance': a company id " + SLUG + ": bytedance, not ByteDance\n"
        + "newsflow: 'newsflow tail --help' lists what newsflow tail takes\n", run.err());
  }
}
