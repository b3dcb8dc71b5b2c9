package io.drover.store;

/**
 * Gives a job back without using an attempt (a worker shutting down): the job returns to {@code
 * waiting}, its attempt count is decremented, and it is claimable at once.
 */
public record Release(LeaseRef lease) implements Acknowledgement {}
