package io.drover.server.auth;

/**
 * Where a server finds the tokens it accepts, asked on every request: fixed ({@link ApiTokens}) or
 * read again as the tokens file changes ({@link TokenFileWatch}).
 */
public interface TokenSource {
  ApiTokens current();
}
