package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.InvalidJobException;
import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.Enqueued;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Listing: filters, newest first, and cursors that page without duplicates or gaps. */
abstract class ListContract extends ContractArea {
  ListContract(JobStoreContract suite) {
    super(suite);
  }

  private List<UUID> ids(JobQuery query) {
    return store().list(query).jobs().stream().map(Job::id).toList();
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  @Test
  void list_returnsNewestFirst() {
    List<UUID> enqueued =
        store().enqueue(Specs.specs("mail", 3)).stream().map(Enqueued::id).toList();

    assertThat(ids(JobQuery.all())).containsExactlyElementsOf(reversed(enqueued));
  }

  @Test
  void list_ordersIdsComparedUnsigned() {
    UUID high = Specs.uuid("ffffffff00007000800000000000000f");
    UUID middle = Specs.uuid("7fffffff000070008000000000000000");
    UUID low = Specs.uuid("00000000000070008000000000000001");
    for (UUID id : List.of(middle, low, high)) {
      enqueue(Specs.job("mail").id(id).build());
    }

    assertThat(ids(JobQuery.all())).containsExactly(high, middle, low);
    JobPage first = store().list(JobQuery.all().withLimit(1));
    assertThat(ids(JobQuery.all().withLimit(1).withCursor(first.nextCursor())))
        .containsExactly(middle);
  }

  @Test
  void list_filtersByQueue() {
    UUID mail = enqueue(Specs.spec("mail"));
    enqueue(Specs.spec("scrape"));

    assertThat(ids(JobQuery.all().withQueue("mail"))).containsExactly(mail);
  }

  @Test
  void list_filtersByState() {
    UUID active = jobIn(JobState.ACTIVE, "mail");
    enqueue(Specs.spec("mail"));

    assertThat(ids(JobQuery.all().withState(JobState.ACTIVE))).containsExactly(active);
  }

  @Test
  void list_filtersByKind() {
    UUID invoice = enqueue(JobSpec.builder("mail", "invoice.send").build());
    enqueue(Specs.spec("mail"));

    assertThat(ids(JobQuery.all().withKind("invoice.send"))).containsExactly(invoice);
  }

  @Test
  void list_filtersByTag() {
    UUID tagged = enqueue(Specs.job("mail").tags(List.of("vip", "eu")).build());
    enqueue(Specs.job("mail").tag("us").build());

    assertThat(ids(JobQuery.all().withTag("eu"))).containsExactly(tagged);
    assertThat(ids(JobQuery.all().withTag("e"))).isEmpty();
  }

  @Test
  void list_filtersByCreatedRange_fromInclusiveToExclusive() {
    Instant start = now();
    enqueue(Specs.spec("mail"));
    advance(Duration.ofMinutes(1));
    UUID middle = enqueue(Specs.spec("mail"));
    advance(Duration.ofMinutes(1));
    enqueue(Specs.spec("mail"));

    JobQuery query = JobQuery.all().withCreated(start.plusSeconds(60), start.plusSeconds(120));
    assertThat(ids(query)).containsExactly(middle);
  }

  @Test
  void list_combinesFilters() {
    UUID match = enqueue(Specs.job("mail").tag("vip").build());
    enqueue(Specs.job("scrape").tag("vip").build());
    enqueue(Specs.job("mail").tag("other").build());

    assertThat(ids(JobQuery.all().withQueue("mail").withTag("vip").withState(JobState.WAITING)))
        .containsExactly(match);
  }

  @Test
  void list_pagesThroughEveryJobOnce() {
    List<UUID> enqueued =
        store().enqueue(Specs.specs("mail", 25)).stream().map(Enqueued::id).toList();

    List<UUID> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    JobQuery query = JobQuery.all().withLimit(10);
    JobPage page;
    do {
      page = store().list(query);
      page.jobs().forEach(job -> seen.add(job.id()));
      sizes.add(page.jobs().size());
      query = query.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);

    assertThat(sizes).containsExactly(10, 10, 5);
    assertThat(seen).containsExactlyElementsOf(reversed(enqueued));
  }

  @Test
  void list_pagesWithAFilter_withoutGaps() {
    List<UUID> waiting = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      if (i % 3 == 0) {
        jobIn(JobState.ACTIVE, "busy");
      } else {
        waiting.add(enqueue(Specs.spec("mail")));
      }
    }

    JobQuery query = JobQuery.all().withState(JobState.WAITING).withLimit(3);
    JobPage first = store().list(query);
    JobPage second = store().list(query.withCursor(first.nextCursor()));
    JobPage third = store().list(query.withCursor(second.nextCursor()));

    List<UUID> seen = new ArrayList<>();
    for (JobPage page : List.of(first, second, third)) {
      page.jobs().forEach(job -> seen.add(job.id()));
    }
    assertThat(third.nextCursor()).isNotNull();
    assertThat(seen).containsExactlyElementsOf(reversed(waiting).subList(0, 9));
  }

  @Test
  void list_lastFullPage_hasNoNextCursor() {
    store().enqueue(Specs.specs("mail", 20));

    JobPage first = store().list(JobQuery.all().withLimit(10));
    JobPage second = store().list(JobQuery.all().withLimit(10).withCursor(first.nextCursor()));

    assertThat(first.nextCursor()).isNotNull();
    assertThat(second.jobs()).hasSize(10);
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void list_cursorNotIssuedByTheStore_isRejected() {
    assertThatThrownBy(() -> store().list(JobQuery.all().withCursor("not-a-cursor")))
        .isInstanceOf(InvalidJobException.class)
        .extracting(e -> ((InvalidJobException) e).field())
        .isEqualTo("cursor");
  }
}
