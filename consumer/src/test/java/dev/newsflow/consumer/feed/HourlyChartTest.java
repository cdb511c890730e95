package dev.newsflow.consumer.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.consumer.TestRecords;
import dev.newsflow.schema.CompanyActivity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourlyChartTest {
  private final HourlyChart chart = new HourlyChart();

  private static Instant at(String time) {
    return Instant.parse("2026-02-" + time + ":00Z");
  }

  /** The 1 h window of a company starting at {@code start}, holding {@code articles} articles. */
  private void hour(String company, String start, long articles) {
    chart.apply(TestRecords.activity(company, "1h", at(start), articles));
  }

  @Test
  void chartsTheTwentyFourHoursToTheNewestHourSeen() {
    hour("acme", "10T08:00", 1);
    hour("acme", "10T08:00", 2); // a later value of the same window replaces the earlier one
    hour("other", "10T11:00", 1);

    HourlyChart.Chart acme = chart.chart("acme");
    assertEquals(at("09T12:00"), acme.start());
    assertEquals(at("10T12:00"), acme.end());
    assertFalse(acme.latestCoverage());
    long[] expected = new long[24];
    expected[20] = 2; // 08:00-09:00, the 21st hour of the 24 ending at 12:00
    assertArrayEquals(expected, acme.counts());
  }

  @Test
  void dayWindowsAreNotCharted() {
    hour("acme", "10T08:00", 2);
    chart.apply(TestRecords.activity("acme", "24h", at("09T09:00"), 7));
    chart.apply(TestRecords.activity("acme", "24h", at("10T09:00"), 5)); // would move "now" if it counted

    HourlyChart.Chart acme = chart.chart("acme");
    assertEquals(at("10T09:00"), acme.end());
    long[] expected = new long[24];
    expected[23] = 2;
    assertArrayEquals(expected, acme.counts());
  }

  @Test
  void anHourWhoseArticlesWereTakenBackCountsNone() {
    hour("acme", "10T07:00", 1);
    hour("acme", "10T08:00", 1);
    hour("acme", "10T08:00", 0); // a revision moved the article out of the hour

    HourlyChart.Chart acme = chart.chart("acme");
    long[] expected = new long[24];
    expected[22] = 1;
    assertArrayEquals(expected, acme.counts());
  }

  @Test
  void aQuietCompanyIsChartedUpToItsOwnLatestCoverageAndSaysSo() {
    hour("acme", "10T08:00", 1);
    hour("acme", "10T09:00", 1);
    hour("other", "13T11:00", 1); // three days later

    HourlyChart.Chart acme = chart.chart("acme");
    assertTrue(acme.latestCoverage());
    assertEquals(at("10T10:00"), acme.end());
    assertEquals(1, acme.counts()[22]);
    assertEquals(1, acme.counts()[23]);
    assertFalse(chart.chart("other").latestCoverage());
  }

  @Test
  void keepsOnlyTwoDaysBeforeACompanysNewestHour() {
    hour("acme", "01T00:00", 1);
    hour("acme", "10T00:00", 1); // the 1st is now more than two days before the newest: dropped
    hour("acme", "05T00:00", 1); // beyond two days before its newest: not kept
    hour("acme", "08T00:00", 1); // exactly two days before it: kept
    assertEquals(2, chart.hoursKept("acme"));

    hour("acme", "11T00:00", 1); // the 8th falls out
    hour("acme", "09T12:00", 1);
    assertEquals(3, chart.hoursKept("acme"));
    hour("acme", "11T00:00", 0);
    hour("acme", "10T00:00", 0);
    hour("acme", "09T12:00", 0);
    assertEquals(0, chart.hoursKept("acme"), "a company with no hour left keeps nothing");
  }

  @Test
  void aCompanyNeverSeenHasAnEmptyChart() {
    assertNull(chart.chart("acme").end());
    hour("other", "10T08:00", 1);
    assertArrayEquals(new long[24], chart.chart("acme").counts());
    assertFalse(chart.chart("acme").latestCoverage());
  }
}
