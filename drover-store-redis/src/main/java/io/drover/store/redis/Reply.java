package io.drover.store.redis;

/** The answer to one command of a {@link Batch}, readable once the batch has executed. */
interface Reply<T> {
  T get();
}
