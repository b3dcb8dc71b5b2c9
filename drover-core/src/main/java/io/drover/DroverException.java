package io.drover;

/** The root of every exception Drover throws on purpose. */
public abstract class DroverException extends RuntimeException {
  protected DroverException(String message) {
    super(message);
  }

  protected DroverException(String message, Throwable cause) {
    super(message, cause);
  }
}
