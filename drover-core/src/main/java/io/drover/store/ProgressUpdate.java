package io.drover.store;

import io.drover.Progress;

/** A handler's progress report for a job it holds. */
public record ProgressUpdate(LeaseRef lease, Progress progress) {}
