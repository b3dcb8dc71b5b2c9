package io.drover.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaseTokensTest {
  private static final long NOW = 1_796_000_000_000L;

  @Test
  void tokensGrow_forEveryClaimOfAJob() {
    long token = 0;
    for (int claim = 0; claim < 1000; claim++) {
      long next = LeaseTokens.draw(NOW + claim).after(token);
      assertThat(next).isGreaterThan(token);
      token = next;
    }
  }

  @Test
  void aClaimLostInACrash_isNotReissued_byTheClaimAfterTheRestart() {
    long stored = LeaseTokens.draw(NOW).after(0);
    // The lost claim counted up from `stored`; the store forgot it, so the next claim counts up
    // from
    // the same stored token, a crash-restart later.
    long lost = LeaseTokens.draw(NOW + 10).after(stored);
    Set<Long> reissued = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      reissued.add(LeaseTokens.draw(NOW + 2_000 + i).after(stored));
    }

    assertThat(reissued).doesNotContain(lost);
  }

  @Test
  void tokensStayExactAsLuaNumbers() {
    long far = java.time.Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    assertThat(LeaseTokens.draw(far).after(0)).isLessThan(1L << 53);
  }
}
