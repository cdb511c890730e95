package dev.newsflow.streams.enrich.release;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what follows a product name: a modality written onto the name ("HunyuanImage", "混元3D",
 * "Qwen-VL"), then a version ("Seedance 2.0", "Qwen3.5", "GLM-5", "Kimi K2.5", "DeepSeek-V3.2",
 * "Ascend 910C", "Seedance 1.0 Pro", "Claude Opus 4.6").
 *
 * <p>A version is an optional tier word (Opus, Sonnet, Haiku), then an optional single letter and a
 * number of up to four digits with up to two dotted parts and up to two letters ("4o", "950PR"), then an
 * optional edition word (Pro, Max, Ultra, Mini, Flash, Lite, Turbo, Plus). It follows the name directly,
 * after a space or after a hyphen, and ends where the word ends. A year (1900–2099 as four digits) and
 * "3D", "4K", "8K", "5G" are not versions.
 */
final class ProductVersion {
  private ProductVersion() {}

  private static final Pattern MODALITY = Pattern.compile("^-?(?:image|video|audio|voice|music|coder|vl|world|3d)(?![a-z])");
  private static final Pattern VERSION = Pattern.compile("^[ -]?(?:(?:opus|sonnet|haiku) )?"
      + "([a-z]?\\d{1,4}(?:\\.\\d{1,3}){0,2}[a-z]{0,2})(?:[ -](?:pro|max|ultra|mini|flash|lite|turbo|plus))?(?![a-z0-9])"
      + "(?!\\.\\d)");
  private static final Set<String> NOT_VERSIONS = Set.of("3d", "4k", "8k", "5g", "2d");
  private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d\\d");

  /**
   * What follows a product name that ends at {@code from}.
   *
   * @param suffix the modality written onto the name, as written ("3D"), empty when none
   * @param version the version as written, or null when none follows
   * @param end where what was read ends
   */
  record Read(String suffix, String version, int end) {}

  /** Reads {@code lower} (normalized) from {@code from}; {@code display} is the same text with its case kept. */
  static Read after(String lower, String display, int from) {
    int at = from;
    String suffix = "";
    Matcher m = MODALITY.matcher(lower).region(from, lower.length());
    if (m.lookingAt()) {
      suffix = display.substring(from, m.end());
      at = m.end();
    }
    Matcher v = VERSION.matcher(lower).region(at, lower.length());
    if (v.lookingAt()) {
      String core = v.group(1);
      if (!NOT_VERSIONS.contains(core) && !YEAR.matcher(core).matches()) {
        int start = at;
        while (start < v.end() && (lower.charAt(start) == ' ' || lower.charAt(start) == '-')) {
          start++;
        }
        return new Read(suffix, display.substring(start, v.end()), v.end());
      }
    }
    return new Read(suffix, null, at);
  }

  /** A product name that carries its version ("GPT-5", "Walker S2") split into family and version. */
  record Split(String family, String version) {}

  private static final Pattern NAMED_VERSION = Pattern.compile("(.*\\S)[ -]([a-zA-Z]?\\d{1,4}(?:\\.\\d{1,3}){0,2}[a-zA-Z]{0,2})");

  static Split split(String product) {
    Matcher m = NAMED_VERSION.matcher(product.strip());
    if (m.matches() && !NOT_VERSIONS.contains(m.group(2).toLowerCase(java.util.Locale.ROOT))) {
      return new Split(m.group(1), m.group(2));
    }
    return new Split(product.strip(), null);
  }
}
