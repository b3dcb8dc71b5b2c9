package io.drover;

/**
 * The store could not be reached or did not answer in time (connection refused, reset or timed out,
 * the server shutting down or out of resources); the same operation may succeed when retried. A
 * store that answered with an error throws {@link StoreFailureException} instead.
 */
public class StoreUnavailableException extends DroverException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
