package io.drover.store;

/**
 * What a worker sends the store about a job it holds when its attempt ends: done, failed, or given
 * back. {@link io.drover.lifecycle.JobFate} decides which from what happened.
 */
public sealed interface Acknowledgement permits Completion, Failure, Release {
  LeaseRef lease();
}
