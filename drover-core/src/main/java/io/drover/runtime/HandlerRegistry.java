package io.drover.runtime;

import io.drover.Handler;
import io.drover.JobSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Handlers by kind; fixed once the pool starts. */
public final class HandlerRegistry {
  private final Map<String, Handler> byKind;

  public HandlerRegistry(Map<String, Handler> byKind) {
    byKind.keySet().forEach(kind -> JobSpec.checkName("kind", kind));
    this.byKind = Map.copyOf(byKind);
  }

  public Optional<Handler> find(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The registered kinds, sorted, for error messages and the worker registry. */
  public String describe() {
    return String.join(", ", new TreeMap<>(byKind).keySet());
  }
}
