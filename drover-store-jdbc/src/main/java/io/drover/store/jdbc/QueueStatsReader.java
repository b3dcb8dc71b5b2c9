package io.drover.store.jdbc;

import io.drover.JobState;
import io.drover.store.QueueStats;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds {@link QueueStats} from three grouped queries: counts, oldest due job, paused queues. */
final class QueueStatsReader {
  private QueueStatsReader() {}

  static List<QueueStats> read(StatementCache statements, long now) throws SQLException {
    Map<String, Map<JobState, Long>> counts = new HashMap<>();
    try (ResultSet rows = statements.get("count_jobs").executeQuery()) {
      while (rows.next()) {
        counts
            .computeIfAbsent(rows.getString("queue"), queue -> new EnumMap<>(JobState.class))
            .put(JobState.fromWire(rows.getString("state")), rows.getLong("jobs"));
      }
    }
    Map<String, Instant> oldestDue = new HashMap<>();
    try (ResultSet rows = statements.get("oldest_due").set("now", now).executeQuery()) {
      while (rows.next()) {
        oldestDue.put(rows.getString("queue"), Columns.instant(rows, "oldest"));
      }
    }
    Set<String> paused = new HashSet<>();
    try (ResultSet rows = statements.get("paused_queues").executeQuery()) {
      while (rows.next()) {
        paused.add(rows.getString("name"));
      }
    }
    Set<String> queues = new TreeSet<>(counts.keySet());
    queues.addAll(paused);
    return queues.stream()
        .map(
            queue ->
                new QueueStats(
                    queue,
                    counts.getOrDefault(queue, Map.of()),
                    oldestDue.get(queue),
                    paused.contains(queue)))
        .toList();
  }
}
