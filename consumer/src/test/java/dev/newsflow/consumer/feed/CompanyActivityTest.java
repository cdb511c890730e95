package dev.newsflow.consumer.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompanyActivityTest {
  private final CompanyActivity activity = new CompanyActivity();

  private static Instant at(String time) {
    return Instant.parse("2026-02-" + time + ":00Z");
  }

  @Test
  void chartsTheTwentyFourHoursToTheNewestArticleSeen() {
    activity.add("acme", "a1", at("10T08:10"));
    activity.add("acme", "a2", at("10T08:40"));
    activity.add("acme", "a2", at("10T08:40")); // read twice, counted once
    activity.add("other", "o1", at("10T11:05"));

    CompanyActivity.Chart chart = activity.chart("acme");
    assertEquals(at("09T12:00"), chart.start());
    assertEquals(at("10T12:00"), chart.end());
    assertFalse(chart.latestCoverage());
    int[] expected = new int[24];
    expected[20] = 2; // 08:00-09:00, the 21st hour of the 24 ending at 12:00
    assertArrayEquals(expected, chart.counts());
  }

  @Test
  void aQuietCompanyIsChartedUpToItsOwnLatestCoverageAndSaysSo() {
    activity.add("acme", "a1", at("10T08:10"));
    activity.add("acme", "a2", at("10T09:20"));
    activity.add("other", "o1", at("13T11:05")); // three days later

    CompanyActivity.Chart chart = activity.chart("acme");
    assertTrue(chart.latestCoverage());
    assertEquals(at("10T10:00"), chart.end());
    assertEquals(1, chart.counts()[22]);
    assertEquals(1, chart.counts()[23]);
    assertFalse(activity.chart("other").latestCoverage());
  }

  @Test
  void keepsOnlyTwoDaysBeforeACompanysNewestHour() {
    activity.add("acme", "old", at("01T00:00"));
    activity.add("acme", "new", at("10T00:00"));
    activity.add("acme", "too-old", at("05T00:00")); // beyond two days before its newest: not kept
    CompanyActivity.Chart chart = activity.chart("acme");
    assertEquals(1, java.util.Arrays.stream(chart.counts()).sum());
  }

  @Test
  void aCompanyNeverSeenHasAnEmptyChart() {
    assertEquals(null, activity.chart("acme").end());
    activity.add("other", "o1", at("10T08:00"));
    assertArrayEquals(new int[24], activity.chart("acme").counts());
    assertFalse(activity.chart("acme").latestCoverage());
  }
}
