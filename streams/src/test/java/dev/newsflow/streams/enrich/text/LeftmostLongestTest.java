package dev.newsflow.streams.enrich.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LeftmostLongestTest {
  @Test
  void aKeyGivesBackItsStartEndAndIndex() {
    long key = LeftmostLongest.key(7_000_000, 7_000_000 + 1_000_000, 1_048_575);
    assertEquals(7_000_000, LeftmostLongest.start(key));
    assertEquals(8_000_000, LeftmostLongest.end(key));
    assertEquals(1_048_575, LeftmostLongest.index(key));
  }

  @Test
  void keysSortByStartThenLongestFirstThenIndex() {
    long[] keys = {
        LeftmostLongest.key(5, 6, 0),  // later start
        LeftmostLongest.key(2, 4, 1),  // shorter at 2
        LeftmostLongest.key(2, 9, 2),  // longest at 2
        LeftmostLongest.key(2, 4, 3)}; // as long as match 1, listed later
    Arrays.sort(keys);
    assertArrayEquals(new int[] {2, 1, 3, 0}, Arrays.stream(keys).mapToInt(LeftmostLongest::index).toArray());
  }
}
