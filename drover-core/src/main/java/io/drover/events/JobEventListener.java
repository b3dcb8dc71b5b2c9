package io.drover.events;

/** Hears job events. Must return quickly and never block: it runs on the channel's thread. */
@FunctionalInterface
public interface JobEventListener {
  void onEvent(JobEvent event);
}
