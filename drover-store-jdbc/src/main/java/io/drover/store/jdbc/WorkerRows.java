package io.drover.store.jdbc;

import static io.drover.store.jdbc.Columns.instantOrNull;

import io.drover.store.StoredJson;
import io.drover.store.WorkerInfo;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps between the {@code workers} table and {@link WorkerInfo}. */
final class WorkerRows {
  private WorkerRows() {}

  /** Binds every parameter of {@code upsert_worker}. */
  static void bindUpsert(BoundStatement upsert, WorkerInfo worker) throws SQLException {
    upsert
        .set("id", worker.id())
        .set("host", worker.host())
        .set("queues", StoredJson.strings(worker.queues()))
        .set("concurrency", worker.concurrency())
        .set("running", worker.running())
        .set("started_at", worker.startedAt())
        .set("last_heartbeat", worker.lastHeartbeat());
  }

  static WorkerInfo read(ResultSet row) throws SQLException {
    return new WorkerInfo(
        row.getString("id"),
        row.getString("host"),
        StoredJson.strings(row.getString("queues")),
        row.getInt("concurrency"),
        row.getInt("running"),
        instantOrNull(row, "started_at"),
        instantOrNull(row, "last_heartbeat"));
  }
}
