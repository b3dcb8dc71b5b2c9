package io.drover.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Job;
import io.drover.server.ApiClient.Response;
import io.drover.server.TestServer;
import io.drover.store.JobQuery;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleRoutesTest {
  private static final String NIGHTLY =
      """
      {"cron": "30 2 * * *", "timezone": "Europe/Chisinau",
       "job": {"queue": "reports", "kind": "noop", "payload": {"report": "sales"}, "priority": "high"},
       "misfire_policy": "fire_once", "overlap": "skip"}
      """;

  private final TestServer server = TestServer.start(Map.of("DROVER_CONCURRENCY", "1"));

  @AfterEach
  void close() {
    server.close();
  }

  private Response put(String name, String body) {
    return server.api().send("PUT", "/api/v1/schedules/" + name, "application/json", body);
  }

  @Test
  void put_createsTheSchedule_andShowsItsNextFireTimes() {
    Response created = put("nightly", NIGHTLY);

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.body();
    assertThat(body.get("name").asText()).isEqualTo("nightly");
    assertThat(body.get("cron").asText()).isEqualTo("30 2 * * *");
    assertThat(body.get("timezone").asText()).isEqualTo("Europe/Chisinau");
    assertThat(body.get("job").get("payload").get("report").asText()).isEqualTo("sales");
    assertThat(body.get("job").get("priority").asInt()).isEqualTo(7);
    assertThat(body.get("misfire_policy").asText()).isEqualTo("fire_once");
    assertThat(body.get("overlap").asText()).isEqualTo("skip");
    assertThat(body.get("next_fire_times")).hasSize(5);
    assertThat(server.store().schedules().schedule("nightly")).isPresent();
    Response shown = server.api().get("/api/v1/schedules/nightly");
    assertThat(shown.body().get("next_fire_at")).isEqualTo(body.get("next_fire_at"));
    assertThat(server.api().get("/api/v1/schedules").body().get("schedules")).hasSize(1);
  }

  @Test
  void putAgain_withTheSameTiming_keepsTheNextFire_andAnswers200() {
    String first = put("nightly", NIGHTLY).body().get("next_fire_at").asText();

    Response replaced = put("nightly", NIGHTLY.replace("\"sales\"", "\"stock\""));

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().get("next_fire_at").asText()).isEqualTo(first);
    assertThat(replaced.body().get("job").get("payload").get("report").asText()).isEqualTo("stock");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"cron\":\"61 * * * *\",\"job\":{\"kind\":\"noop\"}}|cron",
        "{\"cron\":\"* * *\",\"job\":{\"kind\":\"noop\"}}|cron",
        "{\"cron\":\"@daily\",\"timezone\":\"Mars/Olympus\",\"job\":{\"kind\":\"noop\"}}|timezone",
        "{\"cron\":\"@daily\",\"misfire_policy\":\"sometimes\",\"job\":{\"kind\":\"noop\"}}|misfire_policy",
        "{\"cron\":\"@daily\",\"overlap\":\"never\",\"job\":{\"kind\":\"noop\"}}|overlap",
        "{\"cron\":\"@daily\",\"every\":\"30s\",\"job\":{\"kind\":\"noop\"}}|every",
        "{\"job\":{\"kind\":\"noop\"}}|cron",
        "{\"every\":\"0s\",\"job\":{\"kind\":\"noop\"}}|every",
        "{\"every\":\"366d\",\"job\":{\"kind\":\"noop\"}}|every",
        "{\"every\":9223372036854775807,\"job\":{\"kind\":\"noop\"}}|every",
        "{\"cron\":\"@daily\",\"start_at\":\"-999999999-01-01T00:00:00Z\",\"job\":{\"kind\":\"noop\"}}|start_at",
        "{\"cron\":\"@daily\",\"end_at\":\"+999999999-12-31T23:59:59Z\",\"job\":{\"kind\":\"noop\"}}|end_at",
        "{\"cron\":\"@daily\",\"misfire_grace\":\"106751991167d\",\"job\":{\"kind\":\"noop\"}}|misfire_grace",
        "{\"cron\":\"@daily\",\"job\":{\"kind\":\"noop\",\"timeout\":9223372036854775807}}|job.timeout",
        "{\"cron\":\"@daily\"}|job",
        "{\"cron\":\"@daily\",\"job\":{\"kind\":\"noop\",\"queue\":\"bad queue\"}}|job.queue",
        "{\"cron\":\"@daily\",\"job\":{\"kind\":\"noop\"},\"colour\":\"red\"}|colour",
        "{\"name\":\"other\",\"cron\":\"@daily\",\"job\":{\"kind\":\"noop\"}}|name",
      })
  void badDefinitions_are400_namingTheField_andStoreNothing(String body, String field) {
    Response response = put("nightly", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("field").asText()).isEqualTo(field);
    assertThat(server.store().schedules().schedules()).isEmpty();
  }

  @Test
  void pauseAndResume_flipTheFlag_andUnknownNamesAre404() {
    put("nightly", NIGHTLY);

    assertThat(
            server
                .api()
                .postJson("/api/v1/schedules/nightly/pause", "")
                .body()
                .get("paused")
                .asBoolean())
        .isTrue();
    assertThat(server.store().schedules().schedule("nightly").orElseThrow().paused()).isTrue();
    assertThat(
            server
                .api()
                .postJson("/api/v1/schedules/nightly/resume", "")
                .body()
                .get("paused")
                .asBoolean())
        .isFalse();
    Response missing = server.api().postJson("/api/v1/schedules/absent/pause", "");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("field").asText()).isEqualTo("name");
  }

  @Test
  void trigger_enqueuesTheTemplateNow_taggedWithTheSchedule() {
    put("nightly", NIGHTLY);
    Instant before = Instant.now();

    Response triggered = server.api().postJson("/api/v1/schedules/nightly/trigger", "");

    assertThat(triggered.status()).isEqualTo(201);
    Job job = server.store().list(JobQuery.all().withTag("schedule:nightly")).jobs().getFirst();
    assertThat(job.id().toString()).isEqualTo(triggered.body().get("id").asText());
    assertThat(job.queue()).isEqualTo("reports");
    assertThat(job.payload()).isEqualTo("{\"report\":\"sales\"}");
    assertThat(job.runAt()).isAfterOrEqualTo(before.minusSeconds(1));
  }

  @Test
  void delete_removesIt() {
    put("nightly", NIGHTLY);

    assertThat(server.api().send("DELETE", "/api/v1/schedules/nightly", null, null).status())
        .isEqualTo(204);

    assertThat(server.store().schedules().schedules()).isEmpty();
    assertThat(server.api().get("/api/v1/schedules/nightly").status()).isEqualTo(404);
  }

  @Test
  void everySecond_firesThroughTheServersScheduler_andItsJobsComplete() {
    put("ticker", "{\"every\":\"every 1s\",\"job\":{\"queue\":\"ticks\",\"kind\":\"noop\"}}");

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                server.store().list(JobQuery.all().withTag("schedule:ticker")).jobs().stream()
                        .filter(j -> j.state() == io.drover.JobState.COMPLETED)
                        .count()
                    >= 2);
  }
}
