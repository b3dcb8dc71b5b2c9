package io.drover.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A token's role: what it may do, inside its queues. */
public enum Role {
  /** Everything. */
  ADMIN(
      EnumSet.of(
          Permission.READ,
          Permission.OBSERVE,
          Permission.ENQUEUE,
          Permission.MANAGE,
          Permission.WORK)),
  /** Application back ends: enqueue, and read the jobs of their queues. */
  PRODUCER(EnumSet.of(Permission.READ, Permission.ENQUEUE)),
  /** Worker processes: claim and run jobs over HTTP, read jobs and see the fleet. */
  WORKER(EnumSet.of(Permission.READ, Permission.OBSERVE, Permission.WORK)),
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
