package io.drover.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Backoff;
import io.drover.JobSpec;
import io.drover.time.SettableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(START);

  @Test
  void jobSpecJson_keepsEveryField() {
    JobSpec spec =
        JobSpec.builder("mail.high", "email.send")
            .payload("{\"n\": 1.50, \"to\":\"a@b.c\"}")
            .priority(8)
            .runAt(Instant.parse("2030-01-01T09:00:00.123456Z"))
            .maxAttempts(7)
            .backoff(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(9)))
            .timeout(Duration.ofSeconds(42))
            .dedupKey("order-17")
            .dedupWindow(Duration.ofMinutes(10))
            .rateKey("example.com")
            .tags(List.of("a", "b"))
            .runId(UUID.randomUUID())
            .dependsOn(List.of(UUID.randomUUID()))
            .build();

    assertThat(JobSpecJson.read(JobSpecJson.write(spec))).isEqualTo(spec);
  }

  @Test
  void add_isOnDisk_andAnotherProcessAdoptsWhatWasLeft() throws IOException {
    List<JobSpec> first = specs(3);
    List<JobSpec> second = specs(2);
    Spool crashed = Spool.open(config(), clock);
    crashed.add(first);
    clock.advance(Duration.ofSeconds(5));
    crashed.add(second);
    crashed.journal().close(); // the process dies: its lock goes, its file stays

    clock.advance(Duration.ofSeconds(5));
    try (Spool next = Spool.open(config(), clock)) {
      assertThat(next.stats(true).depth()).isEqualTo(5);
      assertThat(next.stats(true).oldestAge()).isEqualTo(Duration.ofSeconds(10));
      assertThat(forwardAll(next)).containsExactly(first, second);
      assertThat(journals()).containsExactly(next.journal().path());
    }
    assertThat(journals()).as("an empty spool leaves no file").isEmpty();
  }

  @Test
  void tornLastRecord_isDropped_andTheRestAdopted() throws IOException {
    List<JobSpec> kept = specs(2);
    Path file = leftByADeadProcess(kept, specs(1));
    // A crash mid-write: the second record lost its last bytes and its newline.
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));

    try (Spool next = Spool.open(config(), clock)) {
      assertThat(forwardAll(next)).containsExactly(kept);
    }
  }

  @Test
  void damagedRecordBeforeOthers_isSkipped_andTheOthersKept() throws IOException {
    List<JobSpec> before = specs(1);
    List<JobSpec> after = specs(1);
    Path file = leftByADeadProcess(before, specs(1), after);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    lines.set(1, lines.get(1).replace("\"queue\":\"q\"", "\"queue\":\"x\""));
    Files.write(file, lines, StandardCharsets.UTF_8);

    try (Spool next = Spool.open(config(), clock)) {
      assertThat(forwardAll(next)).containsExactly(before, after);
    }
  }

  @Test
  void journalOfALiveProcess_isNotAdopted() throws IOException {
    try (Spool live = Spool.open(config(), clock);
        Spool other = Spool.open(config(), clock)) {
      live.add(specs(2));
      assertThat(other.adoptOrphans()).isZero();
      assertThat(live.stats(true).depth()).isEqualTo(2);
      forwardAll(live);
    }
  }

  @Test
  void drainedSpool_truncatesItsJournal() throws IOException {
    try (Spool spool = Spool.open(config(), clock)) {
      spool.add(specs(3));
      spool.add(specs(3));
      assertThat(Files.size(spool.journal().path())).isPositive();
      spool.forwarded(spool.head(1).orElseThrow());
      assertThat(Files.size(spool.journal().path())).as("one record still pending").isPositive();
      spool.forwarded(spool.head(1).orElseThrow());
      assertThat(Files.size(spool.journal().path())).isZero();
      assertThat(spool.stats(true))
          .extracting(SpoolStats::depth, SpoolStats::bytes, SpoolStats::forwarded)
          .containsExactly(0, 0L, 6L);
    }
  }

  @Test
  void head_takesWholeRecordsUpToTheLimit_butAlwaysOne() {
    try (Spool spool = Spool.open(config(), clock)) {
      List<JobSpec> first = specs(3);
      List<JobSpec> second = specs(3);
      spool.add(first);
      spool.add(second);
      spool.add(specs(3));

      assertThat(spool.head(7).orElseThrow().jobs())
          .containsExactlyElementsOf(Stream.concat(first.stream(), second.stream()).toList());
      assertThat(spool.head(2).orElseThrow().jobs()).containsExactlyElementsOf(first);
      spool.forwarded(spool.head(6).orElseThrow());
      assertThat(spool.stats(true).depth()).isEqualTo(3);
      forwardAll(spool);
    }
  }

  @Test
  void full_refusesTheWholeBatch_andKeepsWhatItHas() {
    try (Spool spool = Spool.open(new SpoolConfig(dir, 5, SpoolConfig.MIN_BYTES), clock)) {
      spool.add(specs(4));
      assertThatThrownBy(() -> spool.add(specs(2)))
          .isInstanceOf(SpoolFullException.class)
          .hasMessageStartingWith("the store is unreachable and the spool is full (4 of 5 jobs, ");
      assertThat(spool.stats(true).depth()).isEqualTo(4);
      spool.add(specs(1));
      assertThat(spool.stats(true).depth()).isEqualTo(5);
    }
  }

  @Test
  void concurrentAdds_shareFsyncs() throws Exception {
    int writers = 50;
    try (Spool spool = Spool.open(config(), clock);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch go = new CountDownLatch(1);
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int n = 0; n < 10; n++) {
                    spool.add(specs(1));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (var future : done) {
        future.get();
      }
      assertThat(spool.stats(true).depth()).isEqualTo(writers * 10);
      assertThat(spool.journal().syncs()).isLessThan(writers * 10);
      forwardAll(spool);
    }
  }

  @Test
  void rejectedBatch_isSetAsideForAnOperator() throws IOException {
    List<JobSpec> bad = specs(2);
    try (Spool spool = Spool.open(config(), clock)) {
      spool.add(bad);
      spool.reject(spool.head(1).orElseThrow());
      assertThat(spool.stats(true).depth()).isZero();
      assertThat(spool.stats(true).rejected()).isEqualTo(2);
    }
    String rejected = Files.readString(dir.resolve(Spool.REJECTED_FILE));
    assertThat(rejected).contains(bad.get(0).id().toString(), bad.get(1).id().toString());
  }

  /** A journal holding these records, left as a process that died leaves it: unlocked. */
  @SafeVarargs
  private Path leftByADeadProcess(List<JobSpec>... records) throws IOException {
    Spool crashed = Spool.open(config(), clock);
    for (List<JobSpec> record : records) {
      crashed.add(record);
    }
    crashed.journal().close();
    return crashed.journal().path();
  }

  private SpoolConfig config() {
    return SpoolConfig.at(dir);
  }

  private List<Path> journals() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().startsWith("journal-")).toList();
    }
  }

  /** Takes every record off the spool as the forwarder would, returning their jobs in order. */
  static List<List<JobSpec>> forwardAll(Spool spool) {
    List<List<JobSpec>> batches = new ArrayList<>();
    for (var head = spool.head(1); head.isPresent(); head = spool.head(1)) {
      batches.add(head.get().jobs());
      spool.forwarded(head.get());
    }
    return batches;
  }

  static List<JobSpec> specs(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> JobSpec.builder("q", "k").payload("{\"i\":" + i + "}").build())
        .toList();
  }
}
