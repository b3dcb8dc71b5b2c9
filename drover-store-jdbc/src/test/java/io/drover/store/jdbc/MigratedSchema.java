package io.drover.store.jdbc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL schema for one test class: migrated before its tests (or the class skipped, or
 * failed under CI=true, when the database is not there) and dropped after them.
 *
 * <pre>{@code
 * @RegisterExtension static final MigratedSchema MIGRATED = new MigratedSchema();
 * }</pre>
 */
final class MigratedSchema implements BeforeAllCallback, AfterAllCallback {
  private final String name = PostgresTestDatabase.newSchemaName();

  String name() {
    return name;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    PostgresTestDatabase.require();
    PostgresTestDatabase.migrate(name);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    PostgresTestDatabase.drop(name);
  }
}
