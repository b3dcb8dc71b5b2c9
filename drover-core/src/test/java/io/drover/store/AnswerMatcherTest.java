package io.drover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnswerMatcherTest {
  private final LeaseRef first = new LeaseRef(UUID.randomUUID(), 1);
  private final LeaseRef second = new LeaseRef(UUID.randomUUID(), 2);
  private final LeaseRef third = new LeaseRef(UUID.randomUUID(), 3);

  @Test
  void answers_matchTheirItems_passingOverTheItemsLeftUnanswered() {
    List<LeaseRef> items = List.of(first, second, third);
    AnswerMatcher<LeaseRef> matcher = new AnswerMatcher<>(items, lease -> lease);

    assertThat(matcher.itemFor(second.jobId())).isSameAs(second);
    assertThat(matcher.itemFor(third.jobId())).isSameAs(third);
  }

  @Test
  void aJobTwiceInTheBatch_hasEachAnswerMatchTheNextItemNamingIt() {
    LeaseRef again = new LeaseRef(first.jobId(), first.token());
    AnswerMatcher<LeaseRef> matcher = new AnswerMatcher<>(List.of(first, again), lease -> lease);

    assertThat(matcher.itemFor(first.jobId())).isSameAs(first);
    assertThat(matcher.itemFor(first.jobId())).isSameAs(again);
  }

  @Test
  void anAnswerOutOfTheItemsOrder_isRefused_namingTheJob() {
    AnswerMatcher<LeaseRef> matcher =
        new AnswerMatcher<>(List.of(first, second, third), lease -> lease);
    matcher.itemFor(second.jobId());

    assertThatThrownBy(() -> matcher.itemFor(first.jobId()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(first.jobId().toString());
  }
}
