package dev.newsflow.streams.enrich.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.streams.enrich.text.ArticleText;
import org.junit.jupiter.api.Test;

class SentimentScorerTest {
  private final SentimentScorer scorer = SentimentScorer.standard();

  private double article(String body) {
    return scorer.read(ArticleText.of("", body)).article();
  }

  @Test
  void scoresPolarityAndFlipsItAfterANegation() {
    assertEquals(0.333, article("Sales were strong."));
    assertEquals(-0.286, article("Sales were not strong."));
    assertEquals(-0.333, article("Profits fell."));
    assertEquals(0.0, article("The meeting is on Tuesday."));
  }

  @Test
  void readsChineseWithItsNegations() {
    assertTrue(article("业绩增长强劲") > 0);
    assertTrue(article("业绩没有增长") < 0);
    assertTrue(article("表现不错") > 0, "不错 is one positive word, not a negated 错");
  }

  @Test
  void aCompanyIsJudgedByTheSentencesThatMentionIt() {
    ArticleText text = ArticleText.of("", "Acme profits surged to a record. Globex shares slumped on fraud fears.");
    SentimentScorer.Polarity p = scorer.read(text);
    int acme = text.body().indexOf("Acme") + text.bodyOffset() + 1;
    int globex = text.body().indexOf("Globex") + text.bodyOffset() + 1;
    assertEquals(0.5, p.around(new int[] {acme}));
    assertEquals(-0.6, p.around(new int[] {globex}));
  }

  /**
   * A company's sentence ends where the one sentence splitter ends it: not at the full stop of "Inc.", nor at a line
   * break of wrapped wire copy; a paragraph break and a semicolon still end it. Before, Acme's sentence here was
   * "Shares of Acme Inc." and "Acme Corp said its profits", both without tone.
   */
  @Test
  void aCompanysSentenceRunsPastAbbreviationsAndWrappedLines() {
    assertEquals(-0.6, tone("Shares of Acme Inc. slumped on fraud fears. Globex profits surged to a record.", "Acme"));
    assertEquals(0.5, tone("Shares of Acme Inc. slumped on fraud fears. Globex profits surged to a record.", "Globex"));
    String wrapped = "Acme Corp said its shares\nslumped on fraud fears.\n\nGlobex profits surged to a record";
    assertEquals(-0.6, tone(wrapped, "Acme"));
    assertEquals(0.5, tone(wrapped, "Globex"));
    assertEquals(0.5, tone("Globex profits surged to a record; Acme was not mentioned", "Globex"), "a clause ends at ;");
  }

  private double tone(String body, String company) {
    ArticleText text = ArticleText.of("", body);
    int at = text.body().indexOf(company) + text.bodyOffset() + 1;
    return scorer.read(text).around(new int[] {at});
  }
}
