package io.drover.server.store;

import io.drover.server.config.ConfigException;
import java.util.Locale;

/** The store drivers a server can be asked for (DESIGN §4), by their {@code DROVER_STORE} name. */
public enum StoreKind {
  MEMORY,
  SQLITE,
  POSTGRES,
  REDIS;

  /** The name as written in {@code DROVER_STORE} and {@code --store}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a store name.
   *
   * @throws ConfigException naming the {@code store} setting and the accepted names
   */
  public static StoreKind parse(String text) {
    for (StoreKind kind : values()) {
      if (kind.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new ConfigException(
        "store", "must be one of memory, sqlite, postgres, redis (was '" + text + "')");
  }
}
