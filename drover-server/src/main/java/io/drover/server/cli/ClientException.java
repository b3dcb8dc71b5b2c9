package io.drover.server.cli;

/**
 * A CLI command that could not do its work: the server refused (its problem's detail and field are
 * in the message), could not be reached, or a bench run broke off. The message is the one line the
 * user sees, and the command exits 1.
 */
public final class ClientException extends RuntimeException {
  private final String field;

  public ClientException(String message) {
    this(message, null);
  }

  /**
   * @param field the input the server blamed, e.g. {@code [3].priority}, or null
   */
  public ClientException(String message, String field) {
    super(message);
    this.field = field;
  }

  /** The input the server blamed, or null. */
  public String field() {
    return field;
  }
}
