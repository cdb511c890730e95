package dev.newsflow.producer.feed;

import dev.newsflow.json.CanonicalJson;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the dates feeds really write: RFC 822 and its many misspellings (missing weekday, full month
 * names, two-digit years, single-digit hours, zone names such as EST or CEST, comments like
 * {@code (CET)}), ISO 8601 / W3C-DTF with or without a colon in the offset or a {@code T}, and
 * "January 2, 2006" forms. Returns null for anything else rather than guessing, and for years outside
 * 1900..2200. Parsing is a single pass over tokens: no backtracking regular expressions.
 */
public final class FeedDates {
  private static final int MIN_YEAR = 1900;
  private static final int MAX_YEAR = 2200;
  private static final int MAX_INPUT = 200;

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
      Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
      Map.entry("nov", 11), Map.entry("dec", 12));

  /** Zone names seen in feeds, with their offsets in hours (US zones first: that is where feeds use them). */
  private static final Map<String, Integer> ZONES = Map.ofEntries(
      Map.entry("z", 0), Map.entry("ut", 0), Map.entry("utc", 0), Map.entry("gmt", 0), Map.entry("wet", 0),
      Map.entry("est", -5), Map.entry("edt", -4), Map.entry("cst", -6), Map.entry("cdt", -5),
      Map.entry("mst", -7), Map.entry("mdt", -6), Map.entry("pst", -8), Map.entry("pdt", -7),
      Map.entry("akst", -9), Map.entry("akdt", -8), Map.entry("hst", -10), Map.entry("ast", -4), Map.entry("adt", -3),
      Map.entry("bst", 1), Map.entry("cet", 1), Map.entry("cest", 2), Map.entry("met", 1), Map.entry("mest", 2),
      Map.entry("west", 1), Map.entry("eet", 2), Map.entry("eest", 3), Map.entry("msk", 3), Map.entry("ist", 5),
      Map.entry("hkt", 8), Map.entry("sgt", 8), Map.entry("awst", 8), Map.entry("jst", 9), Map.entry("kst", 9),
      Map.entry("aest", 10), Map.entry("aedt", 11), Map.entry("nzst", 12), Map.entry("nzdt", 13));

  private FeedDates() {}

  /** The instant {@code text} names, or null when it is not a date newsflow can read unambiguously. */
  public static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_INPUT) {
      return null;
    }
    Instant iso = parseIso(s);
    if (iso != null) {
      return inRange(iso);
    }
    return inRange(parseWords(s));
  }

  /** {@code instant} when its year is within 1900..2200, else null: also applied to dates a feed library read. */
  static Instant inRange(Instant instant) {
    if (instant == null) {
      return null;
    }
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    return year >= MIN_YEAR && year <= MAX_YEAR ? instant : null;
  }

  /** ISO 8601 and its common variants: {@code 2006-01-02 15:04:05}, {@code +0000} offsets, lowercase t/z. */
  private static Instant parseIso(String s) {
    if (s.length() < 10 || !Character.isDigit(s.charAt(0)) || s.charAt(4) != '-') {
      return null;
    }
    String t = s.toUpperCase(Locale.ROOT);
    if (t.length() > 10 && t.charAt(10) == ' ') {
      t = t.substring(0, 10) + 'T' + t.substring(11);
    }
    t = t.replace(" ", "");
    if (t.endsWith("UTC") || t.endsWith("GMT")) {
      t = t.substring(0, t.length() - 3) + "Z";
    }
    // +0000 / +00 become +00:00
    int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
    if (sign > 10) {
      String offset = t.substring(sign + 1);
      if (offset.length() == 4 && offset.chars().allMatch(Character::isDigit)) {
        t = t.substring(0, sign + 1) + offset.substring(0, 2) + ":" + offset.substring(2);
      } else if (offset.length() == 2 && offset.chars().allMatch(Character::isDigit)) {
        t = t + ":00";
      }
    }
    Instant parsed = CanonicalJson.parseInstant(t);
    if (parsed != null) {
      return parsed;
    }
    if (t.length() == 7) { // 2006-01
      return CanonicalJson.parseInstant(t + "-01");
    }
    return null;
  }

  /** RFC 822 and prose dates: tokens are classified one by one. */
  private static Instant parseWords(String s) {
    Integer day = null;
    Integer month = null;
    Integer year = null;
    LocalTime time = null;
    ZoneOffset offset = null;
    boolean pm = false;
    boolean am = false;
    int depth = 0;
    for (String raw : s.split("[\\s,]+")) {
      String token = raw.toLowerCase(Locale.ROOT);
      if (token.isEmpty()) {
        continue;
      }
      if (token.startsWith("(")) {
        depth++;
      }
      if (depth > 0) {
        if (token.endsWith(")")) {
          depth--;
        }
        continue; // a comment such as (CET) or (Pacific Standard Time)
      }
      if (token.endsWith(".")) {
        token = token.substring(0, token.length() - 1);
      }
      if (token.isEmpty()) {
        continue;
      }
      char first = token.charAt(0);
      if (token.indexOf(':') > 0 && Character.isDigit(first)) {
        String zonePart = null;
        int zoneAt = Math.max(token.indexOf('+'), token.indexOf('-'));
        if (zoneAt > 0) {
          zonePart = token.substring(zoneAt);
          token = token.substring(0, zoneAt);
        } else if (token.endsWith("z")) {
          zonePart = "z";
          token = token.substring(0, token.length() - 1);
        }
        time = parseTime(token);
        if (time == null) {
          return null;
        }
        if (zonePart != null) {
          offset = parseOffset(zonePart);
          if (offset == null) {
            return null;
          }
        }
      } else if ((first == '+' || first == '-') && token.length() > 1 && Character.isDigit(token.charAt(1))) {
        offset = parseOffset(token);
        if (offset == null) {
          return null;
        }
      } else if (Character.isDigit(first)) {
        String digits = stripOrdinal(token);
        if (digits == null) {
          return null;
        }
        int value = Integer.parseInt(digits);
        if (digits.length() == 4) {
          year = value;
        } else if (digits.length() <= 2 && day == null && value >= 1 && value <= 31) {
          day = value;
        } else if (digits.length() <= 2 && year == null) {
          year = value < 50 ? 2000 + value : 1900 + value;
        } else {
          return null;
        }
      } else if (token.equals("am") || token.equals("pm")) {
        pm = token.equals("pm");
        am = !pm;
      } else if (token.length() >= 3 && MONTHS.containsKey(token.substring(0, 3)) && isMonthWord(token)) {
        month = MONTHS.get(token.substring(0, 3));
      } else if (isWeekday(token)) {
        continue;
      } else if (ZONES.containsKey(token)) {
        offset = ZoneOffset.ofHours(ZONES.get(token));
      } else if (token.equals("at") || token.equals("on") || token.equals("the")) {
        continue;
      } else {
        return null;
      }
    }
    if (day == null || month == null || year == null) {
      return null;
    }
    if (time == null) {
      time = LocalTime.MIDNIGHT;
    } else if (pm && time.getHour() < 12) {
      time = time.plusHours(12);
    } else if (am && time.getHour() == 12) {
      time = time.minusHours(12);
    }
    try {
      LocalDateTime local = LocalDateTime.of(LocalDate.of(year, month, day), time);
      return local.toInstant(offset == null ? ZoneOffset.UTC : offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String stripOrdinal(String token) {
    int end = 0;
    while (end < token.length() && Character.isDigit(token.charAt(end))) {
      end++;
    }
    String suffix = token.substring(end);
    if (end == 0 || end > 4 || !(suffix.isEmpty() || suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd")
        || suffix.equals("th"))) {
      return null;
    }
    return token.substring(0, end);
  }

  private static boolean isMonthWord(String token) {
    String[] names = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "sept"};
    for (String name : names) {
      if (name.startsWith(token)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWeekday(String token) {
    String[] names = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tues", "thur",
        "thurs"};
    for (String name : names) {
      if (token.length() >= 3 && name.startsWith(token)) {
        return true;
      }
    }
    return false;
  }

  private static LocalTime parseTime(String token) {
    String[] parts = token.split(":");
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    try {
      int hour = Integer.parseInt(parts[0]);
      int minute = Integer.parseInt(parts[1]);
      int second = 0;
      int nanos = 0;
      if (parts.length == 3) {
        String sec = parts[2];
        int dot = sec.indexOf('.');
        if (dot >= 0) {
          String fraction = (sec.substring(dot + 1) + "000000000").substring(0, 9);
          nanos = Integer.parseInt(fraction);
          sec = sec.substring(0, dot);
        }
        second = Integer.parseInt(sec);
      }
      if (hour == 24 && minute == 0 && second == 0) {
        return LocalTime.MIDNIGHT;
      }
      return LocalTime.of(hour, minute, Math.min(second, 59), nanos);
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private static ZoneOffset parseOffset(String token) {
    if (token.equals("z")) {
      return ZoneOffset.UTC;
    }
    String digits = token.substring(1).replace(":", "");
    if (!digits.chars().allMatch(Character::isDigit) || (digits.length() != 2 && digits.length() != 4)) {
      return null;
    }
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() == 4 ? Integer.parseInt(digits.substring(2)) : 0;
    try {
      ZoneOffset offset = ZoneOffset.ofHoursMinutes(hours, minutes);
      return token.charAt(0) == '-' ? ZoneOffset.ofTotalSeconds(-offset.getTotalSeconds()) : offset;
    } catch (DateTimeException e) {
      return null;
    }
  }
}
