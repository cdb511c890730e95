package dev.newsflow.eval;

import dev.newsflow.streams.enrich.Enricher;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every enrichment quality figure, from the gold files in the shared data directory: Reuters company
 * recall and predictions beyond gold, CLUENER company precision/recall/F1, BBC section accuracy and
 * duplicate-pair recall and false-pair rate. A part whose files are absent is reported as skipped.
 */
public final class QualityReport {
  public static final String REUTERS = "news/reuters-dev";
  public static final String CLUENER = "zh/cluener-dev";
  public static final String BBC = "news/bbc-dev";

  private QualityReport() {}

  /** Prints the figures; returns false when a part was skipped for missing data. */
  public static boolean print(Path dataDir, PrintStream out) {
    boolean complete = true;
    Enricher enricher = Enricher.standard();
    out.println("enrichment " + enricher.version());
    Path reuters = dataDir.resolve(REUTERS);
    if (present(reuters, ".articles.ndjson")) {
      LinkingEval.Figures f = LinkingEval.run(reuters, null);
      out.printf("reuters  companies: recall %.4f (%d of %d gold), beyond gold %.4f per article (%d in %d articles)%n",
          f.recall(), f.found(), f.gold(), f.beyondGoldPerArticle(), f.beyondGold(), f.articles());
    } else {
      complete = skipped(out, reuters);
    }
    Path cluener = dataDir.resolve(CLUENER);
    if (present(cluener, ".articles.ndjson")) {
      LinkingEval.Figures f = LinkingEval.run(cluener, null);
      out.printf("cluener  companies: precision %.4f, recall %.4f, F1 %.4f (%d right of %d predicted, %d gold)%n",
          f.precision(), f.recall(), f.f1(), f.found(), f.predicted(), f.gold());
    } else {
      complete = skipped(out, cluener);
    }
    Path bbc = dataDir.resolve(BBC);
    if (present(bbc, ".articles.ndjson")) {
      BbcEval.Figures f = BbcEval.run(bbc, enricher);
      out.printf("bbc      section accuracy %.4f (%d of %d)%n", f.sectionAccuracy(), f.sectionsRight(), f.articles());
      out.printf("bbc      duplicate pairs: recall %.4f (%d of %d), false pairs %d = %.5f%% of %d article pairs%n",
          f.duplicateRecall(), f.pairsFound(), f.goldPairs(), f.falsePairs(), 100 * f.falsePairRate(), f.allPairs());
      out.printf("bbc      stories: gold pairs in one story %.4f (%d of %d); stories of several articles mixing "
          + "sections %d of %d = %.4f%n", f.storyRecall(), f.goldPairsInOneStory(), f.goldPairs(), f.mixedStories(),
          f.sharedStories(), f.mixedStoryShare());
    } else {
      complete = skipped(out, bbc);
    }
    return complete;
  }

  private static boolean present(Path prefix, String suffix) {
    return Files.exists(LinkingEval.sibling(prefix, suffix));
  }

  private static boolean skipped(PrintStream out, Path prefix) {
    out.println("skipped " + prefix + ": not found");
    return false;
  }
}
