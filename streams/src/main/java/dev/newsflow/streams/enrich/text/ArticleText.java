package dev.newsflow.streams.enrich.text;

/**
 * An article's title and body folded once ({@link TextNormalizer}) for all the enrichment stages that
 * read it: the linker, the topic and sentiment scorers and the fingerprint. Positions in the original
 * text run over the title, then one separator, then the body ({@link #bodyOffset()}).
 */
public final class ArticleText {
  private final String title;
  private final String body;
  private final NormalizedText folded;
  private final int titleEnd;
  private final boolean titleCaseless;
  private final boolean bodyCaseless;
  private Tokens tokens;

  private ArticleText(String title, String body) {
    this.title = title;
    this.body = body;
    this.folded = new NormalizedText(title.length() + body.length() + 16);
    folded.begin();
    folded.append(title);
    folded.separate();
    this.titleEnd = folded.length();
    folded.append(body);
    folded.end();
    this.titleCaseless = caseless(title);
    this.bodyCaseless = caseless(body);
  }

  public static ArticleText of(String title, String body) {
    return new ArticleText(title == null ? "" : title, body == null ? "" : body);
  }

  public String title() {
    return title;
  }

  public String body() {
    return body;
  }

  public NormalizedText folded() {
    return folded;
  }

  /** The tokens of the folded text, found on first use. */
  public Tokens tokens() {
    if (tokens == null) {
      tokens = Tokens.of(folded);
    }
    return tokens;
  }

  /** Folded positions below this one belong to the title. */
  public int titleEnd() {
    return titleEnd;
  }

  public int bodyOffset() {
    return title.length() + 1;
  }

  /** The original character at combined position {@code i} (title, separator, body). */
  public char originalAt(int i) {
    if (i < title.length()) {
      return title.charAt(i);
    }
    int b = i - bodyOffset();
    return b >= 0 && b < body.length() ? body.charAt(b) : ' ';
  }

  /** The original text of folded positions {@code [from, to)}. */
  public String original(int from, int to) {
    int start = folded.originOf(from);
    int end = folded.originOf(to - 1) + 1;
    if (start < title.length() && end <= title.length()) {
      return title.substring(start, end);
    }
    int off = bodyOffset();
    if (start >= off) {
      return body.substring(start - off, Math.min(body.length(), end - off));
    }
    StringBuilder s = new StringBuilder();
    for (int i = start; i < end; i++) {
      s.append(originalAt(i));
    }
    return s.toString();
  }

  /** True when folded position {@code i} lies in a segment written without case (an all-caps headline). */
  public boolean caselessAt(int i) {
    return i < titleEnd ? titleCaseless : bodyCaseless;
  }

  /**
   * All capitals (a wire headline): case tells nothing there. Chinese and Japanese have no case, so a
   * text written mostly in them is not a capitals headline for holding a few acronyms ("EA收购DRM").
   */
  static boolean caseless(String s) {
    int upper = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      if (Character.isUpperCase(c)) {
        upper++;
      }
    }
    if (upper < 4) {
      return false;
    }
    int cjk = 0;
    for (int i = 0; i < s.length() && cjk < upper; i++) {
      if (TextNormalizer.classOf(s.charAt(i)) == TextNormalizer.CJK) {
        cjk++;
      }
    }
    return upper > cjk;
  }
}
