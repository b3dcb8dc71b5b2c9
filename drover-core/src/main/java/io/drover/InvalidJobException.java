package io.drover;

/**
 * Input that breaks a rule; carries the name of the offending field (snake_case, as on the wire).
 */
public class InvalidJobException extends DroverException {
  private final String field;

  public InvalidJobException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The field that was wrong, e.g. {@code priority} or {@code jobs[3].queue}. */
  public String field() {
    return field;
  }

  /** The same problem, reported against a field nested under {@code prefix}. */
  public InvalidJobException within(String prefix) {
    String problem = getMessage().substring(field.length() + 2);
    return new InvalidJobException(prefix + "." + field, problem);
  }
}
