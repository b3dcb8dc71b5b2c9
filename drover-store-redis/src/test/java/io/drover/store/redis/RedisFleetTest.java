package io.drover.store.redis;

import io.drover.tck.fleet.FleetContract;
import io.drover.tck.fleet.FleetStoreFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** Three worker JVMs on one Redis: every job once, the work spread, a SIGKILL losing nothing. */
class RedisFleetTest extends FleetContract {
  // One prefix for the class: keys go only after every worker process of every test has stopped.
  private static final String PREFIX = RedisTestServer.newPrefix();
  private static boolean reached;

  @Override
  protected Class<? extends FleetStoreFactory> storeFactory() {
    return RedisFleetStores.class;
  }

  @Override
  protected Map<String, String> storeProperties() {
    return Map.of(RedisFleetStores.URL, RedisTestServer.URL, RedisFleetStores.PREFIX, PREFIX);
  }

  @Override
  protected void requireServer() {
    RedisTestServer.require();
    reached = true;
  }

  @AfterAll
  static void deleteKeys() {
    if (reached) {
      RedisTestServer.deleteKeys(PREFIX);
    }
  }
}
