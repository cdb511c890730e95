package dev.newsflow.streams.enrich.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameVariantsTest {
  private static List<String> written(String name) {
    return NameVariants.of(name, "name").stream().map(v -> v.written() + " (" + v.rule() + ")").toList();
  }

  @Test
  void stripsLegalSuffixesConnectivesAndLeadingThe() {
    assertEquals(List.of("Baidu, Inc. (name)", "Baidu (name:legal-suffix)"), written("Baidu, Inc."));
    assertEquals(List.of("Merrill Lynch and Co Inc (name)", "Merrill Lynch (name:legal-suffix)",
        "Merrill Lynch & Co Inc (name:and)"), written("Merrill Lynch and Co Inc"));
    assertEquals(List.of("The Walt Disney Company (name)", "The Walt Disney (name:legal-suffix)",
        "Walt Disney (name:the)"), written("The Walt Disney Company"));
  }

  @Test
  void dropsAPossessiveQualifierUnlessWhatRemainsIsAnOrdinaryWord() {
    assertEquals(List.of("Sweden's Electrolux AB (name)", "Sweden's Electrolux (name:legal-suffix)",
        "Electrolux (name:qualifier)", "Swedens Electrolux AB (name:apostrophe)",
        "Swedens Electrolux (name:legal-suffix:apostrophe)"), written("Sweden's Electrolux AB"));
    assertEquals(List.of("Wendy's International (name)", "Wendy's (name:descriptor)",
        "Wendys International (name:apostrophe)", "Wendys (name:descriptor:apostrophe)"), written("Wendy's International"));
    assertEquals(List.of("Texas International (name)"), written("Texas International"));
  }

  @Test
  void joinsInitialsAndStripsChineseLegalForms() {
    assertEquals(List.of("E.F. Hutton Group Inc (name)", "E.F. Hutton (name:legal-suffix)",
        "EF Hutton Group Inc (name:initials)", "EF Hutton (name:legal-suffix:initials)"), written("E.F. Hutton Group Inc"));
    assertEquals(List.of("华为技术有限公司 (name)", "华为技术 (name:legal-suffix)"), written("华为技术有限公司"));
  }

  @Test
  void aNameOfNothingButLegalWordsYieldsNoVariant() {
    assertEquals(List.of(), written("Co AG"));
  }
}
