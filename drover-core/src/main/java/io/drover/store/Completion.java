package io.drover.store;

/**
 * A successful attempt.
 *
 * @param result the handler's result as JSON text, or null
 */
public record Completion(LeaseRef lease, String result) implements Acknowledgement {}
