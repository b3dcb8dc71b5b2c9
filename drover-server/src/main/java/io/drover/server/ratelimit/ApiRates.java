package io.drover.server.ratelimit;

import io.drover.server.auth.Role;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The request rate each role's tokens may use, as {@code --api-rate} gives it: comma-separated
 * {@code ROLE=RATE} entries, where a rate is {@code N/s}, {@code N/m} or {@code N/h} with an
 * optional {@code :BURST}, or {@code off}; {@code *} stands for every role not named. A role with
 * no rate is not limited. A server without tokens calls everyone admin (loopback only), so admin's
 * rate is then each client address's.
 *
 * @param byRole the limited roles; the others are unlimited
 */
public record ApiRates(Map<Role, ApiRate> byRole) {
  /** No limits: the default, so a server behaves as it did before limits existed. */
  public static final ApiRates OFF = new ApiRates(Map.of());

  private static final String OFF_WORD = "off";
  private static final String ANY_ROLE = "*";

  public ApiRates {
    byRole = byRole.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(byRole));
  }

  /**
   * Reads the setting's text, e.g. {@code producer=500/s:1000,worker=200/s,*=off}.
   *
   * @throws IllegalArgumentException naming the entry that is wrong and why
   */
  public static ApiRates parse(String text) {
    if (text.trim().equalsIgnoreCase(OFF_WORD)) {
      return OFF;
    }
    Map<Role, ApiRate> byRole = new EnumMap<>(Role.class);
    Set<String> named = new HashSet<>();
    Optional<ApiRate> anyRole = Optional.empty();
    for (String raw : text.split(",", -1)) {
      String entry = raw.trim();
      int equals = entry.indexOf('=');
      if (equals < 0) {
        throw badEntry(entry, "must be ROLE=RATE, e.g. producer=500/s:1000");
      }
      String name = entry.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      // null stands for *, the roles not named
      Role role = name.equals(ANY_ROLE) ? null : role(entry, name);
      Optional<ApiRate> rate = rate(entry, entry.substring(equals + 1).trim());
      if (!named.add(name)) {
        throw badEntry(entry, "role " + name + " is given twice");
      }
      if (role == null) {
        anyRole = rate;
      } else {
        rate.ifPresent(given -> byRole.put(role, given));
      }
    }
    for (Role role : Role.values()) {
      if (!named.contains(role.wireName())) {
        anyRole.ifPresent(given -> byRole.put(role, given));
      }
    }
    return new ApiRates(byRole);
  }

  /** The rate of callers with {@code role}, or empty when they are not limited. */
  public Optional<ApiRate> of(Role role) {
    return Optional.ofNullable(byRole.get(role));
  }

  public boolean off() {
    return byRole.isEmpty();
  }

  /** As the setting would give it, e.g. {@code producer=500/s:1000,viewer=20/s:20}, or off. */
  @Override
  public String toString() {
    if (off()) {
      return OFF_WORD;
    }
    StringJoiner text = new StringJoiner(",");
    byRole.forEach((role, rate) -> text.add(role.wireName() + "=" + rate));
    return text.toString();
  }

  private static Role role(String entry, String role) {
    try {
      return Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw badEntry(
          entry, "role must be one of admin, producer, worker, viewer or * (was '" + role + "')");
    }
  }

  private static Optional<ApiRate> rate(String entry, String rate) {
    if (rate.equalsIgnoreCase(OFF_WORD)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ApiRate.parse(rate));
    } catch (IllegalArgumentException e) {
      throw badEntry(entry, e.getMessage());
    }
  }

  private static IllegalArgumentException badEntry(String entry, String problem) {
    return new IllegalArgumentException("has a bad entry '" + entry + "': " + problem);
  }
}
