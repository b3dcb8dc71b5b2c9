package io.drover.store;

/** A registration that can be undone; closing twice is harmless. */
public interface Subscription extends AutoCloseable {
  Subscription NONE = () -> {};

  @Override
  void close();
}
