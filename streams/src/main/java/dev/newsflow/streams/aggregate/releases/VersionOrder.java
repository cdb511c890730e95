package dev.newsflow.streams.aggregate.releases;

import dev.newsflow.streams.phrases.Phrases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Orders the versions of one product family the way people read them: Qwen2.5 &lt; Qwen3 &lt; Qwen 3.5,
 * Seedance 1.0 &lt; Seedance 1.0 Pro &lt; Seedance 2.0, DeepSeek V3.2-Exp &lt; V3.2, Kimi K2 &lt; K2.5,
 * Claude Opus 4.5 &lt; Sonnet 4.6.
 *
 * <p>A version is read as: an optional label ("V", "K", "Opus"), a release number (digits joined by
 * dots: "3.5"; "3" equals "3.0"; leading zeros do not count, so "02" is 2), then qualifiers ("Pro",
 * "Max", "C"). Versions compare by release number first; with equal numbers, no qualifier comes before a
 * qualifier ("3" &lt; "3-Max", "4" &lt; "4o"); pre-release words (alpha, beta, preview, exp, rc, …) come
 * before the release they precede ("3.2-Exp" &lt; "3.2", "3-Max-Preview" &lt; "3-Max"); remaining ties go by
 * qualifier, then label, alphabetically. The family name written into the version ("Qwen3.5" for family
 * Qwen) is ignored. A missing version comes before every numbered one. Versions that read the same
 * ("3" and "3.0") compare equal; callers break such ties by release date.
 */
public final class VersionOrder implements Comparator<String> {
  /** Words that mark a version as coming before the release it names. */
  public static final Set<String> PRE_RELEASE = Set.of("alpha", "beta", "preview", "exp", "experimental", "rc",
      "dev", "pre", "prerelease", "test", "trial", "early", "snapshot", "nightly", "预览版", "预览", "测试版", "内测", "公测");

  private final String family;

  private VersionOrder(String family) {
    this.family = family;
  }

  /** The order of versions of {@code product} (the family name, e.g. "Qwen"). */
  public static VersionOrder forFamily(String product) {
    return new VersionOrder(Phrases.normalize(product));
  }

  @Override
  public int compare(String a, String b) {
    return Parsed.ORDER.compare(parse(a, family), parse(b, family));
  }

  /** A version as read: label, release number, qualifiers and pre-release marks. */
  record Parsed(String label, List<String> number, List<String> qualifier, List<String> preRelease) {
    static final Comparator<Parsed> ORDER = (x, y) -> {
      int c = compareNumbers(x.number, y.number);
      if (c != 0) {
        return c;
      }
      c = compareTokens(x.qualifier, y.qualifier);
      if (c != 0) {
        return c;
      }
      // A pre-release comes before its release; among pre-releases, alpha < beta, rc1 < rc2.
      if (x.preRelease.isEmpty() != y.preRelease.isEmpty()) {
        return x.preRelease.isEmpty() ? 1 : -1;
      }
      c = compareTokens(x.preRelease, y.preRelease);
      return c != 0 ? c : x.label.compareTo(y.label);
    };
  }

  static Parsed parse(String version, String family) {
    String s = Phrases.normalize(version);
    if (!family.isEmpty() && s.startsWith(family)) {
      s = s.substring(family.length());
    }
    List<String> tokens = new ArrayList<>();
    List<Character> separatorBefore = new ArrayList<>();
    char separator = ' ';
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int start = i;
      if (Character.isDigit(c)) {
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
      } else if (Character.isLetter(c)) {
        while (i < s.length() && Character.isLetter(s.charAt(i)) && !Character.isDigit(s.charAt(i))) {
          i++;
        }
      } else {
        separator = c;
        i++;
        continue;
      }
      tokens.add(s.substring(start, i));
      separatorBefore.add(separator);
      separator = ' ';
    }
    StringBuilder label = new StringBuilder();
    List<String> number = new ArrayList<>();
    List<String> qualifier = new ArrayList<>();
    List<String> pre = new ArrayList<>();
    int t = 0;
    while (t < tokens.size() && !isNumber(tokens.get(t))) {
      label.append(label.length() == 0 ? "" : " ").append(tokens.get(t));
      t++;
    }
    if (t < tokens.size()) {
      number.add(stripZeros(tokens.get(t)));
      t++;
      while (t < tokens.size() && isNumber(tokens.get(t)) && separatorBefore.get(t) == '.') {
        number.add(stripZeros(tokens.get(t)));
        t++;
      }
    }
    boolean inPre = false;
    for (; t < tokens.size(); t++) {
      String token = isNumber(tokens.get(t)) ? stripZeros(tokens.get(t)) : tokens.get(t);
      inPre |= PRE_RELEASE.contains(token);
      (inPre ? pre : qualifier).add(token);
    }
    // A version with no number at all ("Pro") keeps its words as a label, so it still sorts first.
    return new Parsed(label.toString(), number, qualifier, pre);
  }

  private static boolean isNumber(String token) {
    return Character.isDigit(token.charAt(0));
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /** Release numbers, component by component; a missing component is 0 ("3" = "3.0"). */
  private static int compareNumbers(List<String> a, List<String> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      int c = compareDigits(i < a.size() ? a.get(i) : "0", i < b.size() ? b.get(i) : "0");
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Digit strings without leading zeros, of any length: shorter is smaller, then by digits. */
  private static int compareDigits(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  /** Token lists: numbers numerically, words alphabetically, numbers before words; a prefix comes first. */
  private static int compareTokens(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNum = isNumber(x);
      boolean yNum = isNumber(y);
      int c = xNum && yNum ? compareDigits(x, y) : xNum != yNum ? (xNum ? -1 : 1) : x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
