package dev.newsflow.streams.enrich.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.schema.Company;
import dev.newsflow.streams.enrich.text.ArticleText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference data and texts that must not break the linker. */
class HostileInputTest {
  @Test
  void blankOrPunctuationOnlyNamesAndHugeAliasesAreIgnoredOrHandled() {
    CompanyLinker linker = CompanyLinker.of(List.of(
        Company.newBuilder().setId("odd").setName("...").setAliases(List.of("", "  ", "---", "x ".repeat(400)))
            .setProducts(List.of("", "!!")).build(),
        Company.newBuilder().setId("ok").setName("Okapi Systems Inc").build()));
    assertEquals(List.of("ok"), linker.find(ArticleText.of("", "Okapi Systems gained."), null).stream()
        .map(CompanyLinker.Linked::companyId).toList());
  }

  @Test
  void surrogatesControlCharactersAndLongTextsAreRead() {
    CompanyLinker linker = CompanyLinker.of(List.of(Company.newBuilder().setId("ok").setName("Okapi Systems Inc")
        .setAliases(List.of("欧卡皮")).build()));
    String hostile = "\uD83D\uDE00\u0000\u202E Okapi Systems\uDBFF 欧卡皮\u0301 " + "filler ".repeat(30_000);
    List<CompanyLinker.Linked> found = linker.find(ArticleText.of("\uDC00", hostile), null);
    assertEquals(List.of("ok/2"), found.stream().map(l -> l.companyId() + "/" + l.count()).toList());
  }
}
