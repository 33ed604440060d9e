package dev.ferry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.memory.InMemoryBroker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.Settlement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a heartbeat round does with leases the broker no longer honours. */
class HeartbeatTest {
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final InMemoryBroker broker = new InMemoryBroker();
  private final InFlight inFlight = new InFlight();
  private final Heartbeat heartbeat = new Heartbeat(broker, inFlight, LEASE);

  private RunningJob running() {
    JobClient.create(broker).enqueue(JobRequest.of("t").queue("q"));
    ClaimedJob claimed = broker.claim(List.of("q"), 1, LEASE).get(0);
    RunningJob job = new RunningJob(claimed, 60_000);
    inFlight.add(job);
    return job;
  }

  @Test
  void aLeaseTakenAwayStopsTheHandler() {
    RunningJob job = running();
    broker.delete("q", job.id()); // the lease is gone under the worker
    heartbeat.runOnce();
    assertThat(job.stopReason()).isEqualTo(RunningJob.StopReason.LEASE_LOST);
  }

  @Test
  void aJobWhoseSettlementIsOnItsWayIsNotTakenForALostLease() {
    RunningJob job = running();
    assertThat(job.claimSettlement()).isTrue(); // the handler ended; its settlement is being sent
    broker.settle(List.of(new Settlement.Complete(job.lease())));
    heartbeat.runOnce(); // it is still in flight until the completer's callback removes it
    assertThat(job.stopReason()).isNull();
  }
}
