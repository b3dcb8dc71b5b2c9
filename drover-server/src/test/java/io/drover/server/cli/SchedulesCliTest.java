package io.drover.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.server.Cli;
import io.drover.server.Cli.Run;
import io.drover.server.ServerOptions;
import io.drover.store.JobQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover schedules …} against a running server. */
class SchedulesCliTest extends ServerCliTest {
  @TempDir Path dir;

  /** No scheduler either, so a schedule fires only when the test triggers it. */
  @Override
  ServerOptions options(ServerOptions defaults) {
    return super.options(defaults).withScheduler(false);
  }

  @Test
  void put_ls_pause_trigger_delete_actOnTheServersSchedules() throws Exception {
    Path definition = dir.resolve("nightly.json");
    Files.writeString(
        definition,
        "{\"cron\":\"30 2 * * *\",\"timezone\":\"Europe/Chisinau\",\"job\":{\"queue\":\"reports\",\"kind\":\"noop\"}}");

    Run put = Cli.run(env, "schedules", "put", "nightly", definition.toString());
    Run ls = Cli.run(env, "schedules", "ls");
    Run pause = Cli.run(env, "schedules", "pause", "nightly");
    Run trigger = Cli.run(env, "schedules", "trigger", "nightly");

    assertThat(put.exitCode()).as(put.err()).isZero();
    assertThat(put.out()).contains("\"next_fire_times\"");
    assertThat(ls.out()).contains("nightly").contains("30 2 * * *").contains("Europe/Chisinau");
    // The next fire in the schedule's own zone, as its cron expression says it: 02:30 there.
    assertThat(ls.out()).containsPattern("\\d{4}-\\d\\d-\\d\\dT02:30:00\\+0[23]:00");
    assertThat(pause.out()).contains("\"paused\" : true");
    assertThat(server.store().schedules().schedule("nightly").orElseThrow().paused()).isTrue();
    assertThat(trigger.out()).startsWith("enqueued ");
    assertThat(server.store().list(JobQuery.all().withTag("schedule:nightly")).jobs()).hasSize(1);

    Run delete = Cli.run(env, "schedules", "delete", "nightly");
    assertThat(delete.out()).contains("schedule nightly deleted");
    assertThat(server.store().schedules().schedules()).isEmpty();
  }

  @Test
  void badCron_exits1WithOneLineNamingTheField_andNothingIsStored() throws Exception {
    Path definition = dir.resolve("bad.json");
    Files.writeString(definition, "{\"cron\":\"61 * * * *\",\"job\":{\"kind\":\"noop\"}}");

    Run put = Cli.run(env, "schedules", "put", "bad", definition.toString());

    assertThat(put.exitCode()).isEqualTo(1);
    assertThat(put.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: ")
        .contains("cron");
    assertThat(server.store().schedules().schedules()).isEmpty();
  }
}
