package io.drover.server;

import io.drover.bench.BenchWorker;
import io.drover.server.config.ServerConfig;
import io.drover.server.config.StoreSettings;
import io.drover.server.store.StoreChoice;
import io.drover.server.store.StoreFactory;
import io.drover.store.JobStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drover bench-worker}, hidden: one worker process of {@code drover bench --workers N},
 * started by the bench on the same jar and driven over stdin and stdout.
 */
@Command(
    name = BenchWorkerCommand.NAME,
    hidden = true,
    description = "One worker process of drover bench --workers N; the bench starts and drives it.")
final class BenchWorkerCommand implements Callable<Integer>, ProcessCommand {
  static final String NAME = "bench-worker";

  @Mixin private BenchStoreOptions storeOptions;

  @Option(names = BenchWorker.QUEUE_OPTION, required = true)
  private String queue;

  @Option(names = BenchWorker.CONCURRENCY_OPTION, required = true)
  private int concurrency;

  @Option(names = BenchWorker.CAPACITY_OPTION, required = true)
  private int capacity;

  private final Map<String, String> env;

  BenchWorkerCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    ServerConfig config = storeOptions.load(env, StoreSettings.DEFAULT_DATA_DIR);
    try (JobStore store = StoreFactory.open(StoreChoice.of(config), InstantSource.system())) {
      return BenchWorker.run(
          store,
          queue,
          concurrency,
          capacity,
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
          System.out);
    }
  }
}
