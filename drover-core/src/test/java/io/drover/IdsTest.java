package io.drover;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.store.JobOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void ids_areVersion7_andStrictlyIncreasing_inTextAndUnsignedOrder() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.newId());
    }

    assertThat(ids).allMatch(id -> id.version() == 7 && id.variant() == 2);
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i).toString()).isGreaterThan(ids.get(i - 1).toString());
    }
    assertThat(ids).isSortedAccordingTo(JobOrder.ID_ASCENDING);
  }

  @Test
  void idCarriesItsCreationTime() {
    long before = System.currentTimeMillis();
    UUID id = Ids.newId();
    long millis = id.getMostSignificantBits() >>> 16;
    assertThat(millis).isBetween(before, System.currentTimeMillis() + 1);
  }
}
