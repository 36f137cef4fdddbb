package io.peloton.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** maximumRunningInstances and gangs decide which missing instances get Tasks now. */
class CreationBudgetTest {
  @Test
  void withoutACapEveryMissingInstanceIsCreated() {
    assertEquals(List.of(0, 1, 2), CreationBudget.choose(List.of(0, 1, 2), 0, null, null));
    assertEquals(List.of(0, 1, 2), CreationBudget.choose(List.of(0, 1, 2), 5, 0, null));
  }

  @Test
  void theCapCountsLiveTasksAndPicksTheLowestInstances() {
    assertEquals(List.of(2, 3), CreationBudget.choose(List.of(2, 3, 4), 1, 3, null));
    assertEquals(List.of(), CreationBudget.choose(List.of(2, 3, 4), 3, 3, null));
  }

  @Test
  void aGangStartsWholeOrNotAtAll() {
    assertEquals(List.of(0, 1, 2, 3), CreationBudget.choose(List.of(0, 1, 2, 3, 4), 0, 4, 3));
    assertEquals(List.of(), CreationBudget.choose(List.of(0, 1, 2), 2, 4, 3));
    assertEquals(List.of(1, 2), CreationBudget.choose(List.of(1, 2, 3), 1, 3, 3));
  }
}
