package io.drover.server.config;

import io.drover.spool.SpoolConfig;
import java.util.Optional;

/**
 * Everything {@code drover server} needs to start, in named parts, each validated on its own and
 * naming the setting that is wrong. Build it with {@link ConfigLoader}, which knows where each
 * value comes from; each part reads its values by {@link Setting}, and the parts differ in type, so
 * none can take another's place.
 *
 * @param store which store to open and how
 * @param http what the HTTP API listens on and accepts
 * @param worker the in-process worker pool
 * @param jobs what jobs get for the options they leave unset
 * @param health when health reports a queue as degraded
 * @param schedules how schedules are read, and the file applied at start
 * @param limits the file of limits applied at start
 * @param spool the spool kept while the store is unreachable
 * @param log how the process logs
 */
public record ServerConfig(
    StoreSettings store,
    HttpSettings http,
    WorkerSettings worker,
    JobSettings jobs,
    HealthSettings health,
    ScheduleSettings schedules,
    LimitSettings limits,
    SpoolSettings spool,
    LogSettings log) {

  public ServerConfig {
    if (store == null
        || http == null
        || worker == null
        || jobs == null
        || health == null
        || schedules == null
        || limits == null
        || spool == null
        || log == null) {
      throw new IllegalArgumentException("every part of a server configuration must be set");
    }
  }

  static ServerConfig from(SettingValues settings) {
    return new ServerConfig(
        StoreSettings.from(settings),
        HttpSettings.from(settings),
        WorkerSettings.from(settings),
        JobSettings.from(settings),
        HealthSettings.from(settings),
        ScheduleSettings.from(settings),
        LimitSettings.from(settings),
        SpoolSettings.from(settings),
        LogSettings.from(settings));
  }

  /**
   * The spool a producing process (the API, the CLI talking straight to a store) keeps, if any.
   *
   * @param storeName the store in use, as {@code DROVER_STORE} names it
   */
  public Optional<SpoolConfig> spoolConfig(String storeName) {
    return spool.config(storeName, store.dataDir());
  }
}
