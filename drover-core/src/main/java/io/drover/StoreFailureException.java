package io.drover;

/**
 * The store answered, but the operation cannot succeed as asked: a bug or bad data (a constraint
 * violated, a script error, a stored row that does not parse). Retrying the same call gives the
 * same answer, so callers log it and move on instead of waiting for the store to come back; the
 * opposite of {@link StoreUnavailableException}.
 */
public class StoreFailureException extends DroverException {
  public StoreFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
