package io.drover;

/**
 * Runs jobs of one kind. Return an {@link Outcome}; a thrown exception counts as a failed attempt
 * and is retried with backoff while attempts remain. Handlers run on virtual threads and are
 * interrupted when their timeout passes or their lease is lost, so blocking calls should let {@link
 * InterruptedException} through.
 */
@FunctionalInterface
public interface Handler {
  Outcome handle(JobContext context) throws Exception;
}
