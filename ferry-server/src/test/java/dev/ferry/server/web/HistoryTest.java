package dev.ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.JobClient;
import dev.ferry.JobEvent;
import dev.ferry.JobEvent.Kind;
import dev.ferry.JobRequest;
import dev.ferry.memory.InMemoryBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart history's ring buffer and what a sample counts, on the in-memory broker. */
class HistoryTest {
  private final InMemoryBroker broker = new InMemoryBroker();

  @Test
  void keepsOnlyTheNewestSamplesUpToItsCapacity() {
    JobClient.create(broker).enqueue(JobRequest.of("work").queue("mail"));
    try (History h = new History(broker, 3)) {
      List<Sample> handed = new ArrayList<>();
      h.subscribe(handed::add);
      for (int i = 0; i < 5; i++) {
        h.tick();
      }
      assertThat(handed).hasSize(5);
      assertThat(h.samples()).containsExactlyElementsOf(handed.subList(2, 5));
      assertThat(h.samples().get(2).depth()).containsEntry("mail", 1L);
    }
  }

  @Test
  void countsCompletedFailedAndRetriedEventsSinceTheLastSampleOnly() {
    JobClient.create(broker).enqueue(JobRequest.of("work").queue("mail"));
    try (History h = new History(broker, 10)) {
      h.tick(); // starts reading the event log at its end: the enqueue before is not counted
      Instant now = Instant.now();
      broker.appendEvents(List.of(
          JobEvent.of(Kind.COMPLETED, "a", "mail", "work", 1, now),
          JobEvent.of(Kind.COMPLETED, "b", "mail", "work", 1, now),
          JobEvent.of(Kind.FAILED, "c", "mail", "work", 1, now),
          JobEvent.of(Kind.RETRIED, "c", "mail", "work", 1, now),
          JobEvent.of(Kind.STARTED, "d", "mail", "work", 1, now)));
      h.tick();
      Sample s = h.samples().get(1);
      assertThat(s.processed()).isPositive();
      assertThat(s.processed() / s.failed()).isEqualTo(2.0);
      assertThat(s.retried()).isEqualTo(s.failed());
      h.tick();
      Sample quiet = h.samples().get(2);
      assertThat(quiet.processed()).isZero();
      assertThat(quiet.failed()).isZero();
      assertThat(quiet.retried()).isZero();
    }
  }
}
