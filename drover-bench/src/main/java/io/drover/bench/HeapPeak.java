package io.drover.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap this process used while it was open. Sampled every few milliseconds and, because a
 * collection can free a peak between two samples, also read from each collection's "before" figures
 * (GC notifications), which are the true high points.
 */
final class HeapPeak implements AutoCloseable {
  private static final long SAMPLE_EVERY_MILLIS = 10;

  private final AtomicLong peak = new AtomicLong();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener beforeCollection = this::onCollection;
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("bench-heap-sampler").factory());

  private HeapPeak() {}

  static HeapPeak start() {
    HeapPeak heap = new HeapPeak();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(heap.beforeCollection, null, null);
        heap.emitters.add(emitter);
      }
    }
    heap.sampler.scheduleAtFixedRate(heap::sample, 0, SAMPLE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    return heap;
  }

  /** The peak so far, in bytes. */
  long bytes() {
    sample();
    return peak.get();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(beforeCollection);
      } catch (ListenerNotFoundException e) {
        // Already gone: nothing left to remove.
      }
    }
  }

  private void sample() {
    note(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  private void onCollection(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long before = 0;
    for (var pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        MemoryUsage usage = pool.getValue();
        before += usage.getUsed();
      }
    }
    note(before);
  }

  private void note(long used) {
    peak.accumulateAndGet(used, Math::max);
  }
}
