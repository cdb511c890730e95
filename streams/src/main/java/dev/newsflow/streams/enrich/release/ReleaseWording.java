package dev.newsflow.streams.enrich.release;

import dev.newsflow.streams.phrases.RumourWording;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The words that report a release, and the words that take a sentence out of consideration, in English
 * and Chinese. Every pattern reads a sentence in the phrase normal form (lower case, NFKC, single spaces).
 * Latin words are bounded by hand ({@code (?<![a-z0-9])}) because Chinese text runs straight into Latin
 * product names, where {@code \b} would see no boundary.
 */
final class ReleaseWording {
  private ReleaseWording() {}

  private static final String L = "(?<![a-z0-9])";
  private static final String R = "(?![a-z0-9])";

  /** A verb that comes before the product it releases: "ByteDance launches Seedance 2.0", "发布Qwen3.5". */
  static final Pattern VERB_BEFORE = Pattern.compile(L + "(?:launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?"
      + "|releas(?:e|es|ed|ing)|roll(?:s|ed|ing)? out|open[- ]?sourc(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)"
      + "|debut(?:s|ed|ing)?|announc(?:e|es|ed|ing)|ship(?:s|ped|ping)?)" + R
      + "|发布|推出|上线|开源|亮相|开放|首发|面世|问世");

  /**
   * Words that, between a verb and a product, mean the product is not what the verb released: a
   * preposition ("tools for its Gemini 3 models"), a clause ("announced that", "results showing"), or an
   * object that is not a product ("released its earnings", "发布财报").
   */
  static final Pattern OTHER_OBJECT = Pattern.compile(L + "(?:for|to|with|into|in|on|at|by|from|through|via"
      + "|alongside|against|than|after|before|since|while|including|like|as|that|which|who|whose|where|when"
      + "|running|using|powered|based|built|featuring|replacing|said|says|saying|showing|shows"
      + "|results|earnings|figures|data|report|statement|paper|study|research|plans?|guidance|forecast|details"
      + "|survey|rules)" + R + "|论文|业绩|财报|报告|声明|公告|预告");

  /** Clause punctuation: a verb does not reach a product across it. */
  static final Pattern CLAUSE_BREAK = Pattern.compile("[,;:()，；：、（）]");

  /** A modal or "to" right before the verb: "will launch", "plans to release", "could ship". */
  static final Pattern MODAL_BEFORE_VERB = Pattern.compile(
      L + "(?:to|will|would|could|may|might|can|should|shall|not|never)\\s(?:\\S+\\s)?$|(?:将|要|拟|未|没|不)[^，。]{0,2}$");

  /**
   * A release word right after the product and its version: "Seedance 2.0 becoming available",
   * "Seedance 2.0 model lands", "Seedance 2.0上线", "Seedance 2.0的发布"; between them up to two words
   * that name what the product is, or up to four Chinese characters ("Seedance 2.0 users launched a
   * campaign" is not a release).
   */
  static final Pattern AFTER = Pattern.compile("^ ?(?:(?:model|models|video|image|app|series|version|update"
      + "|family|chip|chips|robot|phone|assistant|agent|weights|open-weight|reasoning|language) ){0,2}"
      + "(?:is |was |has been |is now |now )?"
      + "(?:becoming available|became available|goes live|went live|launches|launched|debuts|debuted|lands|arrives"
      + "|arrived|released|rolls out|rolled out|is out)" + R
      + "|^ ?[^，。；：、,;:\\s]{0,4}?(?:上线|发布|亮相|开源|面世|问世|上市|推出|登场)");

  /**
   * A release noun anywhere in the sentence: "a day after the model's launch". Read only in a sentence
   * that names one versioned product, so that the noun cannot belong to another one.
   */
  static final Pattern NOUN = Pattern.compile(L + "(?:launch|release|debut|rollout|unveiling)" + R);

  /** Says a new version came out when the article gives no number: "a new version of", "升级版本". */
  static final Pattern NEW_VERSION = Pattern.compile(L + "(?:new version|new generation|latest version|upgraded"
      + "|new model|next generation)" + R + "|新版本|新版|升级|新一代|全新");

  /** Why a sentence is not read for releases. */
  enum Veto { RUMOUR, NEGATION, PLAN, PAST, REVIEW }

  /** Unconfirmed, negated, planned, past or review wording: the sentence does not report a release now. */
  private static final Pattern NEGATION = Pattern.compile(L + "(?:not|no|never|yet to|denied|denies|deny"
      + "|postpone[sd]?|delay(?:s|ed)?|push(?:es|ed)? back|scrapped|cancell?ed|halted|shelved)" + R
      + "|n't" + R + "|未|没有|否认|不会|暂不|推迟|延期|搁置|取消");

  private static final Pattern PLAN = Pattern.compile(L + "(?:will|would|'ll|plans? to|planning to|planned"
      + "|intends? to|expected to|expects to|set to|aims? to|going to|preparing|prepares to|upcoming|later this year"
      + "|next (?:year|month|week|quarter)|in the coming|roadmap|soon)" + R
      + "|将于|将会|将推出|将发布|将上线|将开源|即将|计划|拟于|拟推出|拟发布|预计|有望|准备|打算|明年|年内|下一代");

  private static final Pattern PAST = Pattern.compile(L + "(?:last year|last (?:january|february|march|april|may"
      + "|june|july|august|september|october|november|december)|(?:years?|months?) ago|previously|earlier version"
      + "|previous (?:version|generation|model))" + R + "|去年|此前|之前|上一代|早前|前代|曾经|曾于|早在");

  private static final Pattern REVIEW = Pattern.compile(L + "(?:review|reviews|reviewed|reviewing|hands-on"
      + "|we tested|tested it)" + R + "|评测|测评|上手体验|体验报告");

  /** The first reason not to read this normalized sentence, if any. */
  static Optional<Veto> veto(String sentence) {
    if (RumourWording.in(sentence).isPresent()) {
      return Optional.of(Veto.RUMOUR);
    }
    if (NEGATION.matcher(sentence).find()) {
      return Optional.of(Veto.NEGATION);
    }
    if (PLAN.matcher(sentence).find()) {
      return Optional.of(Veto.PLAN);
    }
    if (PAST.matcher(sentence).find()) {
      return Optional.of(Veto.PAST);
    }
    return REVIEW.matcher(sentence).find() ? Optional.of(Veto.REVIEW) : Optional.empty();
  }

  /** Whether a title marks the whole article as unconfirmed or as a review. */
  static boolean vetoesArticle(String title) {
    Optional<Veto> v = veto(title);
    return v.isPresent() && (v.get() == Veto.RUMOUR || v.get() == Veto.REVIEW);
  }
}
