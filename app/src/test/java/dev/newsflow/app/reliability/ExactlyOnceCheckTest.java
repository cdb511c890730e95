package dev.newsflow.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker the fault tests rely on fails when it must: a lost, a repeated and a stray id each show. */
class ExactlyOnceCheckTest {
  @Test
  void theSameIdsEachOnceInAnyOrderPass() {
    ExactlyOnceCheck check = ExactlyOnceCheck.of("ids", List.of("a", "b", "c"), List.of("c", "a", "b"));
    assertTrue(check.exact(), check.toString());
    assertEquals("ids: expected 3, read 3; lost 0, duplicated 0, unexpected 0", check.toString());
  }

  @Test
  void aLossAndARepeatThatCancelOutInACountAreBothReported() {
    ExactlyOnceCheck check = ExactlyOnceCheck.of("ids", List.of("a", "b", "c"), List.of("a", "a", "c"));
    assertFalse(check.exact());
    assertFalse(check.complete());
    assertEquals(Set.of("b"), check.missing());
    assertEquals(Map.of("a", 2), check.duplicated());
    assertEquals("ids: expected 3, read 3; lost 1 [b], duplicated 1 [a], unexpected 0", check.toString());
  }

  @Test
  void anIdNobodySentIsReported() {
    ExactlyOnceCheck check = ExactlyOnceCheck.of("ids", List.of("a"), List.of("a", "z"));
    assertTrue(check.complete());
    assertFalse(check.exact());
    assertEquals(Set.of("z"), check.unexpected());
  }
}
