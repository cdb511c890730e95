package dev.newsflow.streams.phrases;

import java.util.List;
import java.util.Optional;

/**
 * Hedged, unconfirmed wording ("reportedly", "people familiar with the matter", 据报道, 知情人士):
 * an alert resting on such text is labelled a rumour rather than suppressed, so the reader decides.
 */
public final class RumourWording {
  /** The phrases looked for, normalized. English phrases match whole words; Chinese ones anywhere. */
  public static final List<String> PHRASES = List.of(
      "reportedly", "sources say", "sources said", "source says", "source said", "according to sources",
      "according to people", "according to a person", "people familiar with", "person familiar with",
      "people briefed on", "people close to", "is said to", "are said to", "is understood to",
      "rumour", "rumours", "rumor", "rumors", "rumoured", "rumored", "unconfirmed", "could not be verified",
      "could not be independently verified", "speculation", "speculated",
      "据报道", "据报", "知情人士", "据悉", "消息人士", "消息称", "传闻", "据传", "网传", "传言", "未经证实", "爆料");

  private RumourWording() {}

  /** The first rumour phrase in the text, if any. */
  public static Optional<String> find(String title, String body) {
    return in(Phrases.join(Phrases.normalize(title), Phrases.normalize(body)));
  }

  /** The first rumour phrase in a text already normalized ({@link Phrases#normalize}), if any. */
  public static Optional<String> in(String normalizedText) {
    for (String phrase : PHRASES) {
      if (Phrases.contains(normalizedText, phrase)) {
        return Optional.of(phrase);
      }
    }
    return Optional.empty();
  }
}
