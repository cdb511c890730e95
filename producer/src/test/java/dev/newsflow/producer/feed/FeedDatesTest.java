package dev.newsflow.producer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Mon, 02 Jan 2006 15:04:05 -0700       | 2006-01-02T22:04:05Z",
      "Mon, 02 Jan 2006 15:04:05 GMT         | 2006-01-02T15:04:05Z",
      "2 Jan 2006 15:04 EST                  | 2006-01-02T20:04:00Z",
      "Monday, 2 January 2006 15:04:05 +0100 | 2006-01-02T14:04:05Z",
      "Thu, 01 Jan 04 19:48:21 GMT           | 2004-01-01T19:48:21Z",
      "Sat, 07 Sep 2002 0:00:01 UT           | 2002-09-07T00:00:01Z",
      "Wed, 20 Dec 2023 10:00:00 +0100 (CET) | 2023-12-20T09:00:00Z",
      "Tue, 10 Jun 2003 04:00:00 CEST        | 2003-06-10T02:00:00Z",
      "2006-01-02T15:04:05Z                  | 2006-01-02T15:04:05Z",
      "2006-01-02T15:04:05.123+02:00         | 2006-01-02T13:04:05.123Z",
      "2006-01-02T15:04:05+0200              | 2006-01-02T13:04:05Z",
      "2006-01-02 15:04:05                   | 2006-01-02T15:04:05Z",
      "2006-01-02                            | 2006-01-02T00:00:00Z",
      "January 2, 2006                       | 2006-01-02T00:00:00Z",
      "January 2nd, 2006 3:04 PM             | 2006-01-02T15:04:00Z",
  })
  void readsTheFormatsFeedsUse(String text, String expected) {
    assertEquals(Instant.parse(expected), FeedDates.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "32 Jan 2006", "Mon, 02 Foo 2006 15:04:05 GMT", "12/13/14",
      "0001-01-01T00:00:00Z", "2006-13-45", "Mon, 02 Jan 2006 25:61:00 GMT"})
  void refusesToGuess(String text) {
    assertNull(FeedDates.parse(text));
  }
}
