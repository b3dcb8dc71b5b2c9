package io.drover.server.auth;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** The tokens a server accepts; none means the API has no auth and stays on loopback. */
public final class ApiTokens implements TokenSource {
  public static final ApiTokens NONE = new ApiTokens(List.of());

  private final List<ApiToken> tokens;

  public ApiTokens(List<ApiToken> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** These tokens: a fixed set never changes. */
  @Override
  public ApiTokens current() {
    return this;
  }

  /** True when requests need a token. */
  public boolean enabled() {
    return !tokens.isEmpty();
  }

  public int size() {
    return tokens.size();
  }

  /**
   * The token whose secret this is. The presented secret is hashed and compared with every digest
   * in constant time, and the loop never stops early, so the answer's timing tells nothing about
   * which digest came close or matched.
   */
  public Optional<ApiToken> authenticate(String secret) {
    byte[] digest = Secrets.sha256(secret);
    ApiToken found = null;
    for (ApiToken token : tokens) {
      if (MessageDigest.isEqual(digest, token.sha256())) {
        found = token;
      }
    }
    return Optional.ofNullable(found);
  }
}
