package dev.ferry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.memory.InMemoryBroker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The promoter's rounds: a due time it is told about cuts its pause short. */
class PromoterTest {
  private static final Duration AN_HOUR = Duration.ofHours(1);

  @Test
  void aRetryItIsToldAboutIsPromotedWithoutWaitingForTheNextRound() {
    InMemoryBroker broker = new InMemoryBroker();
    JobClient client = JobClient.create(broker);
    String id = client.enqueue(JobRequest.of("t").queue("q")).id();
    // Rounds an hour apart: only a nudge can promote the retry within the test.
    try (Promoter promoter = new Promoter(broker, List.of("q"), Clock.systemUTC(), AN_HOUR)) {
      promoter.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> promoter.nextRoundAt() > 0); // the first round ran
      ClaimedJob claimed = broker.claim(List.of("q"), 1, Duration.ofMinutes(1)).get(0);
      broker.settle(List.of(new Settlement.Retry(claimed.lease(), 0, "once")));
      assertThat(broker.find("q", id).orElseThrow().state()).isEqualTo(JobState.RETRY);
      promoter.dueAt(System.currentTimeMillis());
      await().atMost(Duration.ofSeconds(10)).until(() -> broker.find("q", id).orElseThrow().state() == JobState.PENDING);
    }
  }

  @Test
  void aDueTimeAfterThePlannedRoundChangesNothing() {
    InMemoryBroker broker = new InMemoryBroker();
    JobClient client = JobClient.create(broker);
    String id = client.enqueue(JobRequest.of("t").queue("q").delay(Duration.ofMillis(300))).id();
    try (Promoter promoter = new Promoter(broker, List.of("q"), Clock.systemUTC(), Duration.ofMillis(100))) {
      promoter.start();
      promoter.dueAt(System.currentTimeMillis() + AN_HOUR.toMillis());
      await().atMost(Duration.ofSeconds(10)).until(() -> broker.find("q", id).orElseThrow().state() == JobState.PENDING);
    }
  }
}
