package dev.newsflow.testkit;

import dev.newsflow.schema.Article;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded set of articles in which stories are retold: each story has an original and up to five
 * retellings (a near-duplicate a few words apart, an exact copy under another id, the same page under a
 * tracking-parameter URL, a revision under the same headline), published minutes apart, some at the
 * very same instant so that the id must break the tie. Unrelated stories use disjoint made-up words, so
 * they never look alike. The same seed gives the same articles, in story order (shuffle them yourself).
 */
public final class RetoldNews {
  private static final String[] ONSETS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
      "tr", "st", "pl"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};
  private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

  private RetoldNews() {}

  /** About {@code count} articles (stories are kept whole), from {@code seed}. */
  public static List<Article> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Article> out = new ArrayList<>(count + 6);
    int story = 0;
    while (out.size() < count) {
      story++;
      List<String> body = new ArrayList<>();
      int words = 50 + random.nextInt(40);
      for (int i = 0; i < words; i++) {
        body.add(word(random));
      }
      String title = String.join(" ", body.subList(0, 4 + random.nextInt(4)));
      Instant at = DAY.plusSeconds(60L * random.nextInt(24 * 60));
      String id = "s" + story;
      String url = "https://wire" + random.nextInt(5) + ".example.com/" + story;
      out.add(article(id, title, String.join(" ", body), at, url));
      int retellings = random.nextInt(6);
      for (int r = 1; r <= retellings; r++) {
        // A retelling may come before the original it repeats: the publication time, not the id, decides.
        Instant when = random.nextInt(4) == 0 ? at : at.plusSeconds(60L * (random.nextInt(120) - 20));
        String rid = "s" + story + "-r" + r;
        switch (random.nextInt(4)) {
          case 0 -> {
            List<String> edited = new ArrayList<>(body);
            for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
              edited.set(random.nextInt(edited.size()), word(random));
            }
            out.add(article(rid, title, String.join(" ", edited), when, null));
          }
          case 1 -> out.add(article(rid, title.toUpperCase(java.util.Locale.ROOT), String.join(" ", body), when, null));
          case 2 -> out.add(article(rid, title, String.join(" ", body.subList(0, body.size() / 2)), when,
              url + "?utm_source=feed"));
          default -> {
            List<String> revised = new ArrayList<>(body.subList(0, body.size() / 2));
            for (int k = body.size() / 2; k < body.size(); k++) {
              revised.add(word(random));
            }
            out.add(article(rid, title, String.join(" ", revised), when, null));
          }
        }
      }
    }
    return out;
  }

  /** The articles in an order drawn from {@code seed}. */
  public static List<Article> shuffled(List<Article> articles, long seed) {
    List<Article> copy = new ArrayList<>(articles);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }

  private static String word(Random random) {
    StringBuilder w = new StringBuilder();
    for (int s = 0, n = 2 + random.nextInt(2); s < n; s++) {
      w.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
    }
    return w.toString();
  }

  private static Article article(String id, String title, String body, Instant at, String url) {
    return Article.newBuilder().setId(id).setTitle(title).setBody(body).setPublishedAt(at).setUrl(url)
        .setSource("wire").build();
  }
}
