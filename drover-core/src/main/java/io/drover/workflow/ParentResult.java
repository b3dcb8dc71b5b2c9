package io.drover.workflow;

import io.drover.JobState;

/**
 * What a step sees of one parent: how it ended and its result. An optional parent may have failed,
 * and a parent of a {@link RunOn#FINISHED} step may have failed or been cancelled.
 *
 * @param result the parent's JSON result, or null
 */
public record ParentResult(JobState state, String result) {}
