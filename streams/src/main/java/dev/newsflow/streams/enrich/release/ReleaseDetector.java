package dev.newsflow.streams.enrich.release;

import dev.newsflow.schema.Company;
import dev.newsflow.streams.phrases.Phrases;
import dev.newsflow.streams.phrases.Sentences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Finds the product releases an article reports: a linked company's product, with its version, in a
 * sentence that says it was launched, released, open-sourced or made available (English and Chinese).
 * Pure logic: no state, no I/O; one instance serves any number of threads.
 *
 * <p>Reading. The title is a sentence of its own; the body is split by {@link Sentences}. A sentence is
 * skipped when it holds rumour wording ({@code RumourWording}), a negation ("not", "尚未"), plans or the
 * future ("will", "plans to", "计划", "将于", "即将"), a past marker ("last year", "去年", "此前") or review
 * wording ("review", "评测"): a planned release is not a release until the news reports it done, and a
 * product released long ago is not news. A rumour or review title skips the whole article. Products
 * are the linked companies' gazetteer products ("GPT-5" read as family GPT, version 5), and a company's
 * own name when a version follows it ("DeepSeek-V3.2"). A product counts when:
 * <ul>
 *   <li>a release verb comes before it, at most six words away, with no comma and no word between that
 *       makes the product another object ("ByteDance released Seedance 2.0"; not
 *       "introduced agent tools for its Gemini 3 models", "released results showing Qwen 3 downloads"), or
 *       at most sixteen Chinese characters, likewise ("推出新一代视频生成模型Seedance 2.0"; not "发布财报显示…");</li>
 *   <li>or, with a version, a release word comes right after it ("Seedance 2.0上线", "Seedance 2.0 becoming
 *       available", "the new Seedance 2.0 model lands"), or the sentence, naming no other versioned product,
 *       uses a release noun ("a day after the model's launch").</li>
 * </ul>
 * Without a version number a release is reported only after a release verb in a sentence that says a
 * new version came out ("a new version of its Claude Opus model", "升级版本"), at most one per company,
 * and none for a company with a numbered release in the same article.
 *
 * <p>Confidence: 0.5 when a release verb or word reads directly on the product, 0.35 when only a release
 * noun elsewhere in the sentence does; +0.25 when a version is stated; +0.1 when the evidence sentence also names the
 * company; +0.1 when two or more sentences report the same release. At most 0.95.
 */
public final class ReleaseDetector {
  static final int MAX_WORDS_BETWEEN = 6;
  static final int MAX_CJK_CHARS_BETWEEN = 16;

  /** How directly a sentence says the product was released. */
  private enum Cue {
    VERB(0.5), AFTER(0.5), NOUN(0.35);

    final double base;

    Cue(double base) {
      this.base = base;
    }
  }

  /** A name to look for: a product, a product's family, or the company's own name (then a version must follow). */
  private record Term(Company company, String family, String lower, String version, boolean needsVersion) {}

  private record Match(Term term, int start, int end) {}

  /** One sentence reporting one release. */
  private record Sighting(String companyId, String family, String version, String evidence, Cue cue,
      boolean companyNamed, boolean inTitle, int order) {
    double score() {
      return cue.base + (version == null ? 0 : 0.25) + (companyNamed ? 0.1 : 0);
    }
  }

  private static final Comparator<Sighting> BEST_FIRST = Comparator.comparingDouble(Sighting::score).reversed()
      .thenComparing(Sighting::inTitle) // a body sentence is the better evidence
      .thenComparingInt(Sighting::order);

  /**
   * The releases the article reports, in the order the article first reports them.
   *
   * @param linked the gazetteer records of the companies the linker found in the article
   */
  public List<DetectedRelease> detect(String title, String body, List<Company> linked) {
    if (linked.isEmpty() || (title != null && ReleaseWording.vetoesArticle(Phrases.normalize(title)))) {
      return List.of();
    }
    List<Term> terms = terms(linked);
    List<Sighting> sightings = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    if (title != null && !title.isBlank()) {
      sentences.add(title.strip());
    }
    boolean hasTitle = !sentences.isEmpty();
    sentences.addAll(Sentences.split(body));
    for (int i = 0; i < sentences.size(); i++) {
      read(sentences.get(i), hasTitle && i == 0, i, terms, sightings);
    }
    return releases(sightings);
  }

  private static void read(String sentence, boolean inTitle, int order, List<Term> terms, List<Sighting> out) {
    String folded = Phrases.written(sentence);
    String lower = folded.toLowerCase(Locale.ROOT); // Phrases.normalize(sentence), from the one NFKC pass
    // A rare letter that changes length in lower case would shift offsets: versions are then quoted in lower case.
    String display = lower.length() == folded.length() ? folded : lower;
    List<Match> matches = matches(lower, terms);
    // Most sentences name no product of the linked companies, and most of those that do report no release of it:
    // the vetoes (a dozen patterns tried at every position) are read only for a sentence that would report one
    // (read for every sentence, they were a sixth of the topology's time in TopologyCost). A veto drops the whole
    // sentence, so reading it last changes no verdict.
    if (matches.isEmpty()) {
      return;
    }
    List<Sighting> found = new ArrayList<>();
    List<ProductVersion.Read> reads = matches.stream().map(m -> ProductVersion.after(lower, display, m.end)).toList();
    long versioned = java.util.stream.IntStream.range(0, matches.size())
        .filter(i -> matches.get(i).term.version != null || reads.get(i).version() != null).count();
    for (int i = 0; i < matches.size(); i++) {
      Match m = matches.get(i);
      ProductVersion.Read read = reads.get(i);
      Term t = m.term;
      String version = t.version != null ? t.version : read.version();
      if (t.needsVersion && version == null) {
        continue;
      }
      Optional<Cue> cue = cue(lower, m.start, read.end(), version != null, versioned == 1);
      if (cue.isEmpty() || (version == null && !ReleaseWording.NEW_VERSION.matcher(lower).find())) {
        continue;
      }
      found.add(new Sighting(t.company.getId(), t.family + read.suffix(), version, sentence, cue.get(),
          names(lower, t.company), inTitle, order));
    }
    if (!found.isEmpty() && ReleaseWording.veto(lower).isEmpty()) {
      out.addAll(found);
    }
  }

  private static Optional<Cue> cue(String lower, int productStart, int productEnd, boolean versioned,
      boolean onlyVersionedProduct) {
    if (verbBefore(lower, productStart)) {
      return Optional.of(Cue.VERB);
    }
    if (!versioned) {
      return Optional.empty();
    }
    if (ReleaseWording.AFTER.matcher(lower).region(productEnd, lower.length()).lookingAt()) {
      return Optional.of(Cue.AFTER);
    }
    // "New" before a product is no cue: "lease a new Boeing 757-200" is a purchase (seen in Reuters news).
    if (onlyVersionedProduct && ReleaseWording.NOUN.matcher(lower).find()) {
      return Optional.of(Cue.NOUN);
    }
    return Optional.empty();
  }

  /** Whether the nearest release verb before the product reaches it (see the class comment). */
  private static boolean verbBefore(String lower, int productStart) {
    Matcher verb = ReleaseWording.VERB_BEFORE.matcher(lower).region(0, productStart);
    int start = -1;
    int end = -1;
    while (verb.find()) {
      start = verb.start();
      end = verb.end();
    }
    if (start < 0 || ReleaseWording.MODAL_BEFORE_VERB.matcher(lower).region(0, start).find()) {
      return false;
    }
    String between = lower.substring(end, productStart);
    if (ReleaseWording.CLAUSE_BREAK.matcher(between).find()) {
      return false;
    }
    if (Phrases.hasCjk(lower.substring(start, end))) {
      return between.length() <= MAX_CJK_CHARS_BETWEEN && !ReleaseWording.OTHER_OBJECT.matcher(between).find();
    }
    String words = between.strip();
    return (words.isEmpty() || words.split(" ").length <= MAX_WORDS_BETWEEN)
        && !ReleaseWording.OTHER_OBJECT.matcher(words).find();
  }

  private static boolean names(String lower, Company c) {
    if (Phrases.contains(lower, Phrases.normalize(c.getName()))) {
      return true;
    }
    return c.getAliases().stream().anyMatch(a -> Phrases.contains(lower, Phrases.normalize(a)));
  }

  /** One release per company, family and version, with its best sentence; unnumbered ones as the class says. */
  private static List<DetectedRelease> releases(List<Sighting> sightings) {
    Map<String, List<Sighting>> byRelease = new LinkedHashMap<>();
    for (Sighting s : sightings) {
      String key = s.companyId + "\u0000" + Phrases.normalize(s.family) + "\u0000"
          + (s.version == null ? "" : Phrases.normalize(s.version));
      byRelease.computeIfAbsent(s.version == null ? s.companyId + "\u0000?" : key, k -> new ArrayList<>()).add(s);
    }
    List<DetectedRelease> out = new ArrayList<>();
    for (List<Sighting> group : byRelease.values()) {
      Sighting best = group.stream().min(BEST_FIRST).orElseThrow();
      if (best.version == null && sightings.stream().anyMatch(s -> s.version != null && s.companyId.equals(best.companyId))) {
        continue;
      }
      // Unnumbered sightings of a company are grouped together: only the best one's family is reported.
      long sentences = group.stream().filter(s -> s.family.equals(best.family)).mapToInt(Sighting::order).distinct().count();
      double confidence = best.score() + (sentences >= 2 ? 0.1 : 0);
      out.add(new DetectedRelease(best.companyId, best.family, best.version, best.evidence,
          Math.round(Math.min(1.0, confidence) * 100) / 100.0));
    }
    return out;
  }

  private static List<Term> terms(List<Company> linked) {
    List<Term> terms = new ArrayList<>();
    for (Company c : linked) {
      for (String product : c.getProducts()) {
        ProductVersion.Split split = ProductVersion.split(product);
        terms.add(new Term(c, split.family(), Phrases.normalize(product), split.version(), false));
        if (split.version() != null) {
          terms.add(new Term(c, split.family(), Phrases.normalize(split.family()), null, true));
        }
      }
      terms.add(new Term(c, c.getName().strip(), Phrases.normalize(c.getName()), null, true));
      for (String alias : c.getAliases()) {
        terms.add(new Term(c, alias.strip(), Phrases.normalize(alias), null, true));
      }
    }
    terms.removeIf(t -> t.lower.isEmpty());
    return terms;
  }

  /** Where the terms occur, leftmost and then longest first, without overlaps. */
  private static List<Match> matches(String lower, List<Term> terms) {
    List<Match> all = new ArrayList<>();
    for (Term t : terms) {
      for (int at = lower.indexOf(t.lower); at >= 0; at = lower.indexOf(t.lower, at + 1)) {
        if (bounded(lower, t.lower, at)) {
          all.add(new Match(t, at, at + t.lower.length()));
        }
      }
    }
    all.sort(Comparator.comparingInt(Match::start).thenComparing(Comparator.comparingInt((Match m) -> m.end).reversed()));
    List<Match> out = new ArrayList<>();
    int taken = 0;
    for (Match m : all) {
      if (m.start >= taken) {
        out.add(m);
        taken = m.end;
      }
    }
    return out;
  }

  /**
   * Whether a term found at {@code at} stands as a name: a Chinese term anywhere; a Latin term as whole
   * words, except that a version or a modality may run straight on from a final letter ("Qwen3.5",
   * "HunyuanImage"), and a final digit may not run on into more of a number ("GPT-5" in "GPT-5.2").
   */
  private static boolean bounded(String lower, String term, int at) {
    if (Phrases.hasCjk(term)) {
      return true;
    }
    int end = at + term.length();
    if (at > 0 && isWordChar(lower.charAt(at - 1))) {
      return false;
    }
    if (end == lower.length()) {
      return true;
    }
    char next = lower.charAt(end);
    char last = term.charAt(term.length() - 1);
    if (Character.isDigit(last)) {
      boolean numberGoesOn = (next == '.' || next == '-') && end + 1 < lower.length()
          && Character.isDigit(lower.charAt(end + 1));
      return !isWordChar(next) && !numberGoesOn;
    }
    return !isWordChar(next) || Character.isDigit(next)
        || ProductVersion.after(lower, lower, end).suffix().length() > 0;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) && !Phrases.isCjk(c);
  }
}
