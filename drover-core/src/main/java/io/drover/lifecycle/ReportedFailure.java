package io.drover.lifecycle;

import java.time.Duration;

/**
 * A failure a worker reported over HTTP.
 *
 * @param message what failed, one line
 * @param type the error's type (an exception class name), or null
 * @param retry false when the worker says the job can never succeed
 * @param retryIn when to try again instead of the backoff, or null
 */
public record ReportedFailure(String message, String type, boolean retry, Duration retryIn) {}
