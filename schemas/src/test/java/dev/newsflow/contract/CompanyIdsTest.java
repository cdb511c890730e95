package dev.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompanyIdsTest {
  private static final String SLUG = "must be a lowercase slug (a-z, 0-9, '.', '_', '-', starting with a letter or"
      + " digit, at most 128 characters), such as bytedance";

  @Test
  void slugsAreValidAndAnythingElseIsRefusedNamingTheLowercaseFormWhenThatWouldDo() {
    List<String> valid = new ArrayList<>();
    for (String id : List.of("bytedance", "aapl.o", "unitree-robotics", "x_1", "9", "a".repeat(128))) {
      if (CompanyIds.isValid(id)) {
        valid.add(id);
      }
      assertEquals(Optional.empty(), CompanyIds.violation(id), id);
    }
    assertEquals(6, valid.size());

    assertEquals(Optional.of(SLUG + ": aapl.o, not AAPL.O"), CompanyIds.violation("AAPL.O"));
    assertEquals(Optional.of(SLUG + ": bytedance, not ByteDance"), CompanyIds.violation("ByteDance"));
    for (String id : List.of("", ".hidden", "..", "-x", "acme corp", "acme/evil", " acme", "a".repeat(129), "字节跳动",
        "ACME CORP")) {
      assertEquals(Optional.of(SLUG), CompanyIds.violation(id), id);
    }
    assertEquals(false, CompanyIds.isValid(null));
    assertEquals(Optional.of(SLUG), CompanyIds.violation(null));
  }
}
