package dev.newsflow.streams.enrich.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.streams.enrich.text.ArticleText;
import org.junit.jupiter.api.Test;

/** Each context rule with sentences where it applies and sentences where the name is the company. */
class ChineseContextTest {
  /** The reason the {@code nth} (from 0) occurrence of {@code name} in {@code body} is not the company, or null. */
  private static ContextReason why(String body, String name, int nth) {
    ArticleText text = ArticleText.of("", body);
    int at = -1;
    for (int i = 0; i <= nth; i++) {
      at = body.indexOf(name, at + 1);
    }
    assertTrue(at >= 0, name + " not in " + body);
    // Folded positions: a leading separator, the empty title, one separator, then the body.
    int start = text.bodyOffset() + 1 + at;
    return ChineseContext.notTheCompany(text, start, start + name.length());
  }

  private static ContextReason why(String body, String name) {
    return why(body, name, 0);
  }

  @Test
  void listsLoadWithTheirVersion() {
    assertTrue(ChineseContext.VERSION.startsWith("context-zh-"), ChineseContext.VERSION);
    assertTrue(ChineseContext.VERSION.contains("+common-words-zh-"), ChineseContext.VERSION);
  }

  @Test
  void aNameInsideTitleMarksIsTheWork() {
    assertEquals(ContextReason.TITLE, why("他在《星辰科技》一书中写道", "星辰科技"));
    assertEquals(ContextReason.TITLE, why("新作《星辰科技传奇》下月上市", "星辰科技"));
    assertEquals(ContextReason.TITLE, why("他读过《Vortex Labs故事》", "Vortex Labs"));
    assertEquals(null, why("《财经》报道，星辰科技将上市", "星辰科技"));
    assertEquals(null, why("星辰科技出版了《未来》一书", "星辰科技"));
  }

  @Test
  void aNameOpeningASentenceBeforeAColonLabelsAColumn() {
    assertEquals(ContextReason.LABEL, why("星辰科技：明年的三款新游戏", "星辰科技"));
    assertEquals(ContextReason.LABEL, why("好文推荐。星辰科技：明年的三款新游戏", "星辰科技"));
    assertEquals(null, why("分析师说星辰科技：明年将盈利", "星辰科技"));
    assertEquals(null, why("星辰科技表示：明年将盈利", "星辰科技"));
    ArticleText headline = ArticleText.of("星辰科技：明年将盈利", "");
    assertEquals(null, ChineseContext.notTheCompany(headline, 1, 5), "a headline 'X：…' is news about X");
  }

  @Test
  void aNameFollowedByAPlaceWordIsAPlace() {
    assertEquals(ContextReason.PLACE, why("会议在星辰广场举行", "星辰"));
    assertEquals(ContextReason.PLACE, why("展会在星辰会展中心举办", "星辰"));
    assertEquals(ContextReason.PLACE, why("他住在星辰北街", "星辰"));
    assertEquals(null, why("星辰区块链平台上线", "星辰"));
    assertEquals(null, why("星辰路演吸引了投资者", "星辰"));
    assertEquals(null, why("星辰路由器销量增长", "星辰"));
    assertEquals(null, why("星辰区域总裁离职", "星辰"));
    assertEquals(null, why("星辰发布新品", "星辰"));
  }

  @Test
  void aNameWhoseHeadIsAPlaceIsAPlaceUnlessACompanyWordFollows() {
    assertEquals(ContextReason.PLACE, why("业主们来到云帆湾参观", "云帆湾"));
    assertEquals(ContextReason.PLACE, why("云杉艺术村举办开幕式", "云杉艺术村"));
    assertEquals(null, why("云帆湾公司宣布增资", "云帆湾"));
  }

  @Test
  void aCommonWordAcrossTheNameStartOrEndMeansTheNameIsNotAWordThere() {
    assertEquals(ContextReason.WORD_BOUNDARY, why("他家在北京东面", "京东"));
    assertEquals(ContextReason.WORD_BOUNDARY, why("乘客在美国航空公司的航班上", "国航"));
    assertEquals(ContextReason.WORD_BOUNDARY, why("这关系到人民生活", "民生"));
    assertEquals(ContextReason.WORD_BOUNDARY, why("她走上星光大道", "光大"));
    assertEquals(ContextReason.WORD_BOUNDARY, why("各位新浪网友好", "新浪网"));
    assertEquals(null, why("京东发布财报", "京东"));
    assertEquals(null, why("招行和平安均上调利率", "平安"));
    assertEquals(null, why("建行为客户减免年费", "建行"));
    assertEquals(null, why("他买入5万股东星银行股票", "东星银行"));
  }

  @Test
  void aTransliteratedOrTitledNameIsAPerson() {
    assertEquals(ContextReason.PERSON, why("演员威廉姆斯出席首映", "威廉"));
    assertEquals(ContextReason.PERSON, why("演员凯特·温斯出席", "温斯"));
    assertEquals(ContextReason.PERSON, why("公司总经理云帆先生致辞", "云帆"));
    assertEquals(null, why("威廉公司发布财报", "威廉"));
    assertEquals(null, why("云帆总经理致辞", "云帆"));
  }

  @Test
  void aNameBeforeTheHeadOfAnotherBodyIsThatBody() {
    assertEquals(ContextReason.OTHER_BODY, why("星辰信托成立于1982年", "星辰"));
    assertEquals(ContextReason.OTHER_BODY, why("星辰研究学会发布报告", "星辰"));
    assertEquals(ContextReason.OTHER_BODY, why("他调任星辰局副局长", "星辰"));
    assertEquals(null, why("星辰局面好转", "星辰"));
    assertEquals(null, why("星辰发布报告", "星辰"));
  }

  @Test
  void aNameEndingInAnIndustryNounBeforeYeIsTheIndustry() {
    assertEquals(ContextReason.INDUSTRY, why("东星银行业协会发布报告", "东星银行"));
    assertEquals(null, why("东星银行业务增长", "东星银行"));
    assertEquals(null, why("星辰业绩增长", "星辰"));
  }

  @Test
  void aPublicBodyIsNotACompany() {
    assertEquals(ContextReason.PUBLIC_BODY, why("南方人民银行宣布降息", "南方人民银行"));
    assertEquals(ContextReason.PUBLIC_BODY, why("东方联储维持利率不变", "东方联储"));
    assertEquals(null, why("南方银行宣布降息", "南方银行"));
  }

  @Test
  void aBylineOrDatelineCreditsTheOutlet() {
    assertEquals(ContextReason.CREDIT, why("星辰网记者王明报道", "星辰网"));
    assertEquals(ContextReason.CREDIT, why("星辰网北京5月3日电", "星辰网"));
    assertEquals(ContextReason.CREDIT, why("星辰财经讯 昨日股市上涨", "星辰财经讯"));
    assertEquals(null, why("星辰资讯发布财报", "星辰资讯"));
    assertEquals(null, why("星辰网发布财报", "星辰网"));
    assertEquals(null, why("星辰网记者会上宣布新品", "星辰网"));
    assertEquals(null, why("星辰网消息人士称将裁员", "星辰网"));
  }

  @Test
  void aClubInASportsTextIsNotTheCompany() {
    assertEquals(ContextReason.SPORT, why("周末云帆vs星辰的比赛", "星辰"));
    assertEquals(ContextReason.SPORT, why("云帆队击败星辰", "星辰"));
    assertEquals(ContextReason.SPORT, why("ac星辰本赛季状态不佳", "ac星辰"));
    assertEquals(ContextReason.SPORT, why("球迷都看好ac星辰，认为能拿下比赛胜利", "ac星辰"));
    assertEquals(ContextReason.SPORT, why("来自ZX战队的选手夺冠", "ZX"));
    assertEquals(null, why("ac星辰发布新品", "ac星辰"));
    assertEquals(null, why("星博开出主胜赔1.80，看好主队", "星博"));
    assertEquals(null, why("Apple vs Samsung went to court.", "Apple"));
  }

  @Test
  void anOrdinaryMentionHasNoReason() {
    assertEquals(null, why("星辰科技今日宣布收购云帆公司", "星辰科技"));
    assertEquals(null, why("据星辰科技介绍，新品下月上市", "星辰科技"));
    assertEquals(null, why("星辰科技，云帆公司和东星银行都在名单上", "东星银行"));
  }
}
