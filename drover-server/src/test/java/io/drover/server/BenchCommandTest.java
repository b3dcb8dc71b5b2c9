package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code drover bench} refuses what it cannot run, before measuring anything. */
class BenchCommandTest {
  @Test
  void aBadOption_exits2NamingIt() {
    Cli.Run run = Cli.run(Map.of(), "bench", "--store", "memory", "--jobs", "0");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("drover: jobs must be at least 1 (was 0) (see: drover bench --help)\n");
  }

  @Test
  void severalWorkerProcessesOnTheMemoryStore_exit2SayingWhy() {
    Cli.Run run = Cli.run(Map.of(), "bench", "--store", "memory", "--workers", "2", "--jobs", "10");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: workers 2 needs a store other processes can reach");
  }
}
