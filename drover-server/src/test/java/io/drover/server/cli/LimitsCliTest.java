package io.drover.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.limit.LimitSpec;
import io.drover.limit.Rate;
import io.drover.server.Cli;
import io.drover.server.Cli.Run;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code drover limits …} against a running server. */
class LimitsCliTest extends ServerCliTest {

  @Test
  void set_ls_show_delete() {
    Run set =
        Cli.run(
            env,
            "limits",
            "set",
            "per-domain",
            "--queues",
            "scrape.*,crawl",
            "--kinds",
            "scrape.page",
            "--rate",
            "2/s",
            "--burst",
            "2",
            "--concurrency",
            "3");

    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.out()).isEqualTo("limit per-domain set\n");
    assertThat(server.store().limits().limit("per-domain"))
        .contains(
            LimitSpec.builder("per-domain")
                .queues("scrape.*", "crawl")
                .kinds("scrape.page")
                .rate(new Rate(2, Duration.ofSeconds(1), 2))
                .concurrency(3)
                .build());

    Run ls = Cli.run(env, "limits", "ls");
    assertThat(ls.out().lines().toList())
        .hasSize(2)
        .element(1)
        .asString()
        .startsWith("per-domain")
        .contains("scrape.*,crawl", "scrape.page", "2/1000ms burst 2", "3", "no");

    Run show = Cli.run(env, "limits", "show", "per-domain");
    assertThat(show.out()).contains("\"held\" : [ ]", "\"active\" : 0");

    Run delete = Cli.run(env, "limits", "delete", "per-domain");
    assertThat(delete.out()).isEqualTo("limit per-domain deleted\n");
    assertThat(server.store().limits().limits()).isEmpty();
  }

  @Test
  void aBadRate_isOneLineOnStderr_andExit2_andNothingIsSet() {
    Run bad = Cli.run(env, "limits", "set", "x", "--queues", "a", "--rate", "fast");

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().lines()).hasSize(1).first().asString().contains("--rate", "'fast'");
    assertThat(bad.out()).isEmpty();

    Run server400 = Cli.run(env, "limits", "set", "x", "--queues", "a", "--rate", "2/0s");
    assertThat(server400.exitCode()).isNotZero();
    assertThat(server400.err()).contains("rate.per");
    assertThat(server.store().limits().limits()).isEmpty();
  }
}
