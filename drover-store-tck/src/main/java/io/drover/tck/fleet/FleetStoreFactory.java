package io.drover.tck.fleet;

import io.drover.store.JobStore;
import java.util.Properties;

/**
 * Opens the store under test inside a fleet worker process. Implementations are public classes with
 * a public no-argument constructor, found by name in the child JVM.
 */
public interface FleetStoreFactory {
  /**
   * @param properties the {@code drover.*} system properties the test passed to the process
   */
  JobStore open(Properties properties) throws Exception;
}
