package io.drover.workflow;

import java.time.Instant;
import java.util.UUID;

/** A run without its steps: what a store answers from the run's own record, in one read. */
public record RunHead(
    UUID id, String name, String input, RunState state, Instant createdAt, Instant finishedAt) {}
