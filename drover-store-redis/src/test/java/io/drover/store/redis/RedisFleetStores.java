package io.drover.store.redis;

import io.drover.store.JobStore;
import io.drover.tck.fleet.FleetStoreFactory;
import java.util.Properties;

/** Opens the Redis store in a fleet worker process, on the test's server and key prefix. */
public final class RedisFleetStores implements FleetStoreFactory {
  static final String URL = "drover.test.redis.url";
  static final String PREFIX = "drover.test.redis.prefix";

  @Override
  public JobStore open(Properties properties) {
    return RedisJobStore.connect(
        RedisConfig.builder(properties.getProperty(URL))
            .keyPrefix(properties.getProperty(PREFIX))
            .build());
  }
}
