package dev.newsflow.streams.enrich.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyLinkerTest {
  private static Company company(String id, String name, List<String> aliases, List<String> products) {
    return Company.newBuilder().setId(id).setName(name).setAliases(aliases).setProducts(products).build();
  }

  private static final CompanyLinker LINKER = CompanyLinker.of(List.of(
      company("apple", "Apple Inc.", List.of("Apple", "苹果公司"), List.of("iPhone")),
      company("huawei", "Huawei Technologies Co., Ltd.", List.of("华为"), List.of("Ascend", "昇腾")),
      company("alibaba", "Alibaba Group Holding Ltd", List.of("Alibaba", "Alibaba Cloud", "阿里巴巴"), List.of("Qwen")),
      company("cts", "CTS Corp", List.of(), List.of()),
      company("reuters", "Reuters Holdings Plc", List.of(), List.of()),
      company("hutton", "E.F. Hutton Group Inc", List.of(), List.of()),
      company("ea", "EA", List.of(), List.of()),
      company("jd", "京东集团", List.of("京东"), List.of()),
      company("williams", "Williams Cos Inc", List.of(), List.of()),
      company("disney", "Walt Disney Co", List.of("Disney"), List.of())));

  /** companyId/alias as written/count/inTitle/rule for each mention. */
  private static List<String> link(String title, String body, String source) {
    return LINKER.find(ArticleText.of(title, body), source).stream()
        .map(l -> l.companyId() + "/" + l.alias() + "/" + l.count() + "/" + l.inTitle() + "/" + l.rule()).toList();
  }

  private static List<String> link(String title, String body) {
    return link(title, body, null);
  }

  @Test
  void derivedNamesMatchWholeWordsWithPossessivesPunctuationAndLineBreaks() {
    assertEquals(List.of("huawei/Huawei/2/false/name:descriptor"),
        link("", "Huawei's new chips. Analysts said Huawei\nTechnologies had gained ground."));
    assertEquals(List.of("hutton/EF Hutton/1/false/name:legal-suffix:initials"), link("", "EF Hutton rose."));
    assertEquals(List.of(), link("", "Huaweiish is not a company; neither is XHuawei."));
  }

  @Test
  void anAllCapsHeadlineMatchesAnyCase() {
    assertEquals(List.of("huawei/HUAWEI/1/true/name:descriptor"), link("HUAWEI PROFIT RISES", "Results were up."));
  }

  @Test
  void anOrdinaryWordNeedsSupportFromTheArticle() {
    assertEquals(List.of(), link("", "An apple a day. Apple pie is sweet."));
    assertEquals(List.of("apple/Apple/1/false/alias+cue:said"), link("", "Apple said sales rose."));
    assertEquals(List.of("apple/Apple/1/false/alias+cue:'s shares"), link("", "Apple's shares rose."));
    assertEquals(List.of("apple/Apple/3/false/alias+company-context"), link("", "Apple sells the iPhone. Apple pie."));
    assertEquals(List.of("huawei/Ascend/3/false/product+company-context"),
        link("", "Ascend chips from Huawei; Ascend sales grew."));
    assertEquals(List.of(), link("", "Climbers ascend the peak."));
  }

  @Test
  void caseKeepsAbbreviationsAndLowercaseWordsOut() {
    assertEquals(List.of(), link("", "The dividend is 5 cts a share."));
    assertEquals(List.of("cts/CTS Corp/1/false/name"), link("", "CTS Corp said it would buy a plant."));
    assertEquals(List.of("cts/CTS/1/false/name:legal-suffix"), link("", "Shares of CTS rose."));
    assertEquals(List.of(), link("CTS DIVIDEND 5 CTS", "Qtly div 5 cts vs 5 cts prior."));
  }

  @Test
  void theLongestMatchWinsAndCjkMatchesWithoutSpaces() {
    assertEquals(List.of("alibaba/Alibaba Cloud/1/true/alias"), link("Alibaba Cloud cuts prices", ""));
    assertEquals(List.of("alibaba/阿里巴巴/1/false/alias", "huawei/昇腾/1/false/product"),
        link("", "阿里巴巴表示将采用昇腾芯片"));
  }

  @Test
  void aShortLatinNameAmidChineseCountsInCapitalsOnly() {
    // Chinese has no capitalized words: capitals amid Chinese write a name; a sentence of Chinese with a
    // few acronyms is not an all-caps headline.
    assertEquals(List.of("ea/EA/1/false/name"), link("", "EA收购了一家工作室"));
    assertEquals(List.of("ea/EA/1/false/name"), link("", "EA宣布DRM将取消"));
    assertEquals(List.of(), link("", "玩家说ea很好玩"));
    assertEquals(List.of(), link("", "The EA team said so."));
  }

  @Test
  void aNameInTitleMarksOrPartOfAPlaceOrPersonIsNotTheCompany() {
    assertEquals(List.of(), link("", "他在《阿里巴巴》一书中写道"));
    assertEquals(List.of(), link("", "阿里巴巴广场今日开业"));
    assertEquals(List.of(), link("", "新店开在北京东路"));
    assertEquals(List.of(), link("", "他家在北京东面"));
    assertEquals(List.of("jd/京东/1/false/alias"), link("", "京东发布财报"));
  }

  /** Reuters' "Daniel Williams, analyst with Sutro Group" and "Judge Marshall Selikoff" were linked to companies. */
  @Test
  void aOneWordNameAfterAGivenNameOrAnHonorificIsAPerson() {
    assertEquals(List.of(), link("", "Daniel Williams, an analyst with Sutro Group, said the offer was low."));
    assertEquals(List.of(), link("", "Mr. Williams said the offer was low."));
    assertEquals(List.of("williams/Williams/1/false/name:legal-suffix"),
        link("", "Williams said its pipeline would be sold."));
    assertEquals(List.of("williams/Williams/1/false/name:legal-suffix"),
        link("", "Prices fell in Houston. Williams rose."), "a sentence's last word is no given name");
    assertEquals(List.of("disney/Walt Disney/1/false/name:legal-suffix"), link("", "Walt Disney said attendance rose."),
        "a company named after a person is known by its whole name, the longest match");
    assertEquals(List.of(), link("", "Christopher Williams, the winner, said"), "wherever a sentence starts");
  }

  @Test
  void theOutletDoesNotCountForNamingItselfInItsOwnCopy() {
    assertEquals(List.of(), link("OIL PRICES RISE", "Prices rose, traders told Reuters.", "reuters"));
    assertEquals(List.of("reuters/REUTERS/2/true/name:legal-suffix"),
        link("REUTERS PROFIT UP", "Reuters said profit rose.", "reuters"));
  }

  @Test
  void salienceRanksTheHeadlineCompanyFirst() {
    List<CompanyLinker.Linked> found = LINKER.find(ArticleText.of("Huawei beats Apple", "Huawei. Huawei. Apple said no."), null);
    assertEquals(List.of("huawei", "apple"), found.stream().map(CompanyLinker.Linked::companyId).toList());
  }
}
