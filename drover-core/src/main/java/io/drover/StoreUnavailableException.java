package io.drover;

/** The store could not be reached or failed to answer; the operation may be retried. */
public class StoreUnavailableException extends DroverException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
