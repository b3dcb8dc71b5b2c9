package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void percentiles_areNearestRank() {
    Percentiles p = new Percentiles(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

    assertThat(p.at(50)).isEqualTo(50);
    assertThat(p.at(99)).isEqualTo(99);
    assertThat(p.at(99.9)).isEqualTo(100);
    assertThat(p.max()).isEqualTo(100);
  }

  @Test
  void percentiles_ofOneSample_areThatSample() {
    Percentiles p = new Percentiles(new long[] {7});

    assertThat(p.at(0)).isEqualTo(7);
    assertThat(p.at(50)).isEqualTo(7);
    assertThat(p.at(100)).isEqualTo(7);
  }

  @Test
  void percentiles_ofNoSamples_areZero() {
    assertThat(new Percentiles(new long[0]).at(99)).isZero();
  }
}
