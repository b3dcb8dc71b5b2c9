package io.drover.runtime;

import io.drover.Job;
import io.drover.StoreUnavailableException;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.ForwardingJobStore;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A store that fails on command, as an unreachable one does: while an operation is down, each call
 * of it throws {@link StoreUnavailableException} and is counted. The rest pass through.
 */
final class FailingStore extends ForwardingJobStore {
  enum Operation {
    CLAIM,
    HEARTBEAT,
    COMPLETE
  }

  private final Set<Operation> down = ConcurrentHashMap.newKeySet();
  private final Map<Operation, AtomicInteger> failed = new ConcurrentHashMap<>();

  FailingStore(JobStore store) {
    super(store);
  }

  void down(Operation... operations) {
    down.addAll(List.of(operations));
  }

  void up() {
    down.clear();
  }

  /** How many calls of {@code operation} failed so far. */
  int failed(Operation operation) {
    return failed.computeIfAbsent(operation, o -> new AtomicInteger()).get();
  }

  @Override
  public List<Job> claim(ClaimRequest request) {
    return call(Operation.CLAIM, () -> super.claim(request));
  }

  @Override
  public Set<UUID> heartbeat(HeartbeatRequest request) {
    return call(Operation.HEARTBEAT, () -> super.heartbeat(request));
  }

  @Override
  public List<JobChange> complete(List<Completion> completions) {
    return call(Operation.COMPLETE, () -> super.complete(completions));
  }

  private <T> T call(Operation operation, Supplier<T> call) {
    if (down.contains(operation)) {
      failed.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
      throw new StoreUnavailableException("store down on command: " + operation, null);
    }
    return call.get();
  }
}
