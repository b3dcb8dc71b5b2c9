package io.drover.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A token's role: what it may do, inside its queues. */
public enum Role {
  /** Everything. */
  ADMIN(EnumSet.of(Permission.READ, Permission.OBSERVE, Permission.ENQUEUE, Permission.MANAGE)),
  /** Application back ends: enqueue, and read the jobs of their queues. */
  PRODUCER(EnumSet.of(Permission.READ, Permission.ENQUEUE)),
  /**
   * Worker processes: read jobs and see the fleet; the claim protocol over HTTP will be theirs when
   * it exists.
   */
  WORKER(EnumSet.of(Permission.READ, Permission.OBSERVE)),
  /** Dashboards and people on call: read only. */
  VIEWER(EnumSet.of(Permission.READ, Permission.OBSERVE));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  public boolean allows(Permission permission) {
    return permission == Permission.PUBLIC || permissions.contains(permission);
  }

  /** The name as written in the tokens file. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a role name.
   *
   * @throws IllegalArgumentException listing the roles
   */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.wireName().equals(text)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "must be one of admin, producer, worker, viewer (was '" + text + "')");
  }
}
