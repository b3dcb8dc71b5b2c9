package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drover stats}: job totals over a server's queues. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Prints job totals per state over every queue the token may see.")
public final class StatsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ServerConnection server;

  private final Map<String, String> env;

  public StatsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    JsonNode stats = server.call(env, client -> client.get("/api/v1/stats"));
    Table table = new Table("WHAT", "COUNT");
    table.row("queues", stats.get("queues").asLong());
    table.row("paused queues", stats.get("paused_queues").asLong());
    for (Iterator<Map.Entry<String, JsonNode>> counts = stats.get("counts").fields();
        counts.hasNext(); ) {
      Map.Entry<String, JsonNode> count = counts.next();
      table.row(count.getKey(), count.getValue().asLong());
    }
    table.row("total", stats.get("total").asLong());
    JsonNode age = stats.get("oldest_waiting_age_ms");
    table.row("oldest wait", age.isNull() ? null : age.asLong() / 1000 + "s");
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
