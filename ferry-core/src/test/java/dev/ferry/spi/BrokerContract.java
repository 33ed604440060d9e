package dev.ferry.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.EnqueueResult;
import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.QueueCounts;
import dev.ferry.Retention;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Broker} must have. Subclass it once per broker and return a fresh,
 * isolated broker from {@link #createBroker()}; every transition and guard is checked here, so the
 * in-memory broker and the Redis broker cannot drift apart.
 */
public abstract class BrokerContract {
  protected static final Duration LEASE = Duration.ofSeconds(30);
  protected static final String Q = "contract";

  protected Broker broker;
  protected JobClient client;

  /** A new broker that shares no jobs with any other test. */
  protected abstract Broker createBroker();

  @BeforeEach
  void openBroker() {
    broker = createBroker();
    client = JobClient.create(broker);
  }

  @AfterEach
  void closeBroker() {
    broker.close();
  }

  protected EnqueueResult enqueue(String type) {
    return client.enqueue(JobRequest.of(type, type.getBytes(StandardCharsets.UTF_8)).queue(Q));
  }

  protected JobInfo job(String id) {
    return broker.find(Q, id).orElseThrow(() -> new AssertionError("job " + id + " is not stored"));
  }

  protected ClaimedJob claimOne() {
    List<ClaimedJob> jobs = broker.claim(List.of(Q), 1, LEASE);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  protected void assertStoredConsistently() {
    QueueCounts c = broker.counts(Q);
    long total = 0;
    for (JobState s : JobState.values()) {
      long n = c.of(s);
      total += n;
      String cursor = null;
      long listed = 0;
      do {
        JobPage page = broker.list(Q, s, cursor, 100);
        for (JobInfo j : page.jobs()) {
          assertThat(j.state()).as("job %s listed under %s", j.id(), s).isEqualTo(s);
        }
        listed += page.jobs().size();
        cursor = page.nextCursor();
      } while (cursor != null);
      assertThat(listed).as("jobs listed in %s", s).isEqualTo(n);
    }
    assertThat(total).isGreaterThanOrEqualTo(0);
  }

  // ---- enqueue ----------------------------------------------------------------------------

  @Test
  void enqueuedJobIsPendingWithItsFields() {
    byte[] payload = {0, 1, 2, (byte) 0xff, '{', '}'};
    EnqueueResult r = client.enqueue(JobRequest.of("t.one", payload).queue(Q).maxRetries(3).timeout(Duration.ofSeconds(9)));
    assertThat(r.duplicate()).isFalse();
    assertThat(r.state()).isEqualTo(JobState.PENDING);
    JobInfo j = job(r.id());
    assertThat(j.type()).isEqualTo("t.one");
    assertThat(j.queue()).isEqualTo(Q);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.attempt()).isZero();
    assertThat(j.maxRetries()).isEqualTo(3);
    assertThat(j.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(j.payload()).isEqualTo(payload);
    assertThat(j.runAt()).isNull();
    assertThat(j.createdAt()).isNotNull();
    assertThat(broker.counts(Q).pending()).isEqualTo(1);
    assertThat(broker.queues()).contains(Q);
    assertThat(broker.find(r.id())).map(JobInfo::queue).contains(Q);
    assertStoredConsistently();
  }

  @Test
  void bulkEnqueueKeepsOrderAndReturnsOneResultPerJob() {
    List<JobRequest> reqs = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      reqs.add(JobRequest.of("bulk", ("" + i).getBytes(StandardCharsets.UTF_8)).queue(Q));
    }
    List<EnqueueResult> results = client.enqueueAll(reqs);
    assertThat(results).hasSize(250).allMatch(r -> !r.duplicate() && r.state() == JobState.PENDING);
    List<ClaimedJob> claimed = broker.claim(List.of(Q), 250, LEASE);
    assertThat(claimed).extracting(c -> new String(c.payload(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(reqs.stream().map(r -> new String(r.payload(), StandardCharsets.UTF_8)).toList());
  }

  @Test
  void delayedJobIsScheduledAndNotClaimableUntilPromoted() {
    EnqueueResult r = client.enqueue(JobRequest.of("later").queue(Q).delay(Duration.ofMillis(400)));
    assertThat(r.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(job(r.id()).runAt()).isNotNull();
    assertThat(broker.claim(List.of(Q), 10, LEASE)).isEmpty();
    MaintenanceResult early = broker.promoteDue(Q, 100);
    assertThat(early.moved()).isZero();
    assertThat(early.nextDueMillis()).isPositive();
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.promoteDue(Q, 100).moved() == 1);
    assertThat(job(r.id()).state()).isEqualTo(JobState.PENDING);
    assertThat(broker.promoteDue(Q, 100).nextDueMillis()).isEqualTo(-1);
    assertThat(claimOne().id()).isEqualTo(r.id());
  }

  @Test
  void uniqueJobRefusesDuplicateWithinWindow() {
    JobRequest req = JobRequest.of("u", new byte[] {1}).queue(Q).uniqueFor(Duration.ofMinutes(5));
    EnqueueResult first = client.enqueue(req);
    EnqueueResult second = client.enqueue(req);
    assertThat(first.duplicate()).isFalse();
    assertThat(second.duplicate()).isTrue();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.state()).isEqualTo(JobState.PENDING);
    assertThat(client.enqueue(JobRequest.of("u", new byte[] {2}).queue(Q).uniqueFor(Duration.ofMinutes(5))).duplicate())
        .as("another payload is another key").isFalse();
    assertThat(broker.counts(Q).pending()).isEqualTo(2);
  }

  @Test
  void uniqueKeyExpiresAfterItsWindow() {
    JobRequest req = JobRequest.of("u").queue(Q).uniqueKey("k1").uniqueFor(Duration.ofMillis(200));
    assertThat(client.enqueue(req).duplicate()).isFalse();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .until(() -> !client.enqueue(req).duplicate());
    assertThat(broker.counts(Q).pending()).isEqualTo(2);
  }

  @Test
  void uniquenessHoldsUnderConcurrentEnqueues() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<EnqueueResult>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        Callable<EnqueueResult> c = () -> {
          start.await();
          return client.enqueue(JobRequest.of("race", new byte[] {7}).queue(Q).uniqueFor(Duration.ofMinutes(1)));
        };
        futures.add(pool.submit(c));
      }
      start.countDown();
      long created = 0;
      for (Future<EnqueueResult> f : futures) {
        created += f.get().duplicate() ? 0 : 1;
      }
      assertThat(created).isEqualTo(1);
      assertThat(broker.counts(Q).pending()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void callerGivenIdIsRefusedWhenAlreadyStored() {
    EnqueueResult a = client.enqueue(JobRequest.of("x").queue(Q).id("order-42"));
    EnqueueResult b = client.enqueue(JobRequest.of("y").queue(Q).id("order-42"));
    assertThat(a.id()).isEqualTo("order-42");
    assertThat(a.duplicate()).isFalse();
    assertThat(b.duplicate()).isTrue();
    assertThat(job("order-42").type()).isEqualTo("x");
  }

  // ---- claim ------------------------------------------------------------------------------

  @Test
  void claimIsFifoSpendsAnAttemptAndGivesIncreasingTokens() {
    String a = enqueue("a").id();
    String b = enqueue("b").id();
    List<ClaimedJob> claimed = broker.claim(List.of(Q), 5, LEASE);
    assertThat(claimed).extracting(ClaimedJob::id).containsExactly(a, b);
    ClaimedJob first = claimed.get(0);
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.type()).isEqualTo("a");
    assertThat(first.leaseDeadlineMillis()).isGreaterThan(first.readyAtMillis());
    assertThat(job(a).state()).isEqualTo(JobState.ACTIVE);
    assertThat(job(a).attempt()).isEqualTo(1);
    assertThat(broker.counts(Q).active()).isEqualTo(2);
    assertThat(broker.claim(List.of(Q), 5, LEASE)).isEmpty();
    assertStoredConsistently();
  }

  @Test
  void claimTakesQueuesInTheGivenOrderAndStopsAtMax() {
    client.enqueue(JobRequest.of("low").queue("contract-low"));
    client.enqueue(JobRequest.of("high1").queue(Q));
    client.enqueue(JobRequest.of("high2").queue(Q));
    List<ClaimedJob> one = broker.claim(List.of(Q, "contract-low"), 1, LEASE);
    assertThat(one).extracting(ClaimedJob::type).containsExactly("high1");
    List<ClaimedJob> rest = broker.claim(List.of(Q, "contract-low"), 5, LEASE);
    assertThat(rest).extracting(ClaimedJob::type).containsExactly("high2", "low");
  }

  // ---- settle -----------------------------------------------------------------------------

  @Test
  void completeMovesToCompletedAndIsFinal() {
    String id = enqueue("c").id();
    ClaimedJob c = claimOne();
    assertThat(broker.settle(List.of(new Settlement.Complete(c.lease())))).containsExactly(SettleResult.OK);
    assertThat(job(id).state()).isEqualTo(JobState.COMPLETED);
    assertThat(broker.counts(Q).completed()).isEqualTo(1);
    assertThat(broker.settle(List.of(
            new Settlement.Complete(c.lease()),
            new Settlement.Retry(c.lease(), 0, "again"),
            new Settlement.Dead(c.lease(), "x"),
            new Settlement.Snooze(c.lease(), 10),
            new Settlement.Release(c.lease()))))
        .as("a completed job cannot be moved by any settlement")
        .containsOnly(SettleResult.STALE);
    assertThat(broker.extendLeases(List.of(c.lease()), LEASE)).containsExactly(SettleResult.STALE);
    assertThat(job(id).state()).isEqualTo(JobState.COMPLETED);
    assertThat(broker.requeueDead(Q, id)).isFalse();
    assertStoredConsistently();
  }

  @Test
  void retryRecordsErrorAndReturnsToPendingAfterBackoff() {
    String id = enqueue("r").id();
    ClaimedJob c = claimOne();
    assertThat(broker.settle(List.of(new Settlement.Retry(c.lease(), 300, "boom")))).containsExactly(SettleResult.OK);
    JobInfo j = job(id);
    assertThat(j.state()).isEqualTo(JobState.RETRY);
    assertThat(j.lastError()).isEqualTo("boom");
    assertThat(j.runAt()).isNotNull();
    assertThat(broker.counts(Q).retry()).isEqualTo(1);
    assertThat(broker.promoteDue(Q, 10).moved()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.promoteDue(Q, 10).moved() == 1);
    ClaimedJob again = claimOne();
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(again.lease().token()).isGreaterThan(c.lease().token());
    assertThat(job(id).lastError()).isEqualTo("boom");
  }

  @Test
  void deadSettlementMovesToDeadSetWithError() {
    String id = enqueue("d").id();
    ClaimedJob c = claimOne();
    assertThat(broker.settle(List.of(new Settlement.Dead(c.lease(), "poison")))).containsExactly(SettleResult.OK);
    JobInfo j = job(id);
    assertThat(j.state()).isEqualTo(JobState.DEAD);
    assertThat(j.lastError()).isEqualTo("poison");
    assertThat(broker.counts(Q).dead()).isEqualTo(1);
    assertThat(broker.settle(List.of(new Settlement.Complete(c.lease())))).containsExactly(SettleResult.STALE);
  }

  @Test
  void snoozeSchedulesAgainWithoutSpendingAnAttempt() {
    String id = enqueue("s").id();
    ClaimedJob c = claimOne();
    assertThat(broker.settle(List.of(new Settlement.Snooze(c.lease(), 200)))).containsExactly(SettleResult.OK);
    JobInfo j = job(id);
    assertThat(j.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(j.attempt()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.promoteDue(Q, 10).moved() == 1);
    assertThat(claimOne().attempt()).isEqualTo(1);
  }

  @Test
  void releaseHandsTheJobBackFirstInLineWithoutSpendingAnAttempt() {
    String first = enqueue("first").id();
    enqueue("second");
    ClaimedJob c = claimOne();
    assertThat(c.id()).isEqualTo(first);
    assertThat(broker.settle(List.of(new Settlement.Release(c.lease())))).containsExactly(SettleResult.OK);
    assertThat(job(first).state()).isEqualTo(JobState.PENDING);
    assertThat(job(first).attempt()).isZero();
    ClaimedJob again = claimOne();
    assertThat(again.id()).isEqualTo(first);
    assertThat(again.attempt()).isEqualTo(1);
  }

  @Test
  void settleWithWrongTokenIsRejectedAndChangesNothing() {
    String id = enqueue("w").id();
    ClaimedJob c = claimOne();
    Lease forged = new Lease(Q, id, c.lease().token() + 1);
    assertThat(broker.settle(List.of(new Settlement.Complete(forged), new Settlement.Dead(forged, "x"))))
        .containsOnly(SettleResult.STALE);
    assertThat(job(id).state()).isEqualTo(JobState.ACTIVE);
    assertThat(broker.settle(List.of(new Settlement.Complete(new Lease(Q, "no-such-job", 1)))))
        .containsExactly(SettleResult.STALE);
  }

  @Test
  void settlementsOfOneBatchAreAppliedIndependently() {
    enqueue("1");
    enqueue("2");
    List<ClaimedJob> c = broker.claim(List.of(Q), 2, LEASE);
    List<SettleResult> r = broker.settle(List.of(
        new Settlement.Complete(c.get(0).lease()),
        new Settlement.Complete(new Lease(Q, c.get(1).id(), 999)),
        new Settlement.Retry(c.get(1).lease(), 60_000, "later")));
    assertThat(r).containsExactly(SettleResult.OK, SettleResult.STALE, SettleResult.OK);
    assertThat(job(c.get(0).id()).state()).isEqualTo(JobState.COMPLETED);
    assertThat(job(c.get(1).id()).state()).isEqualTo(JobState.RETRY);
    assertStoredConsistently();
  }

  // ---- leases -----------------------------------------------------------------------------

  @Test
  void expiredLeaseIsReapedBackToPendingAndOldTokenBecomesStale() {
    String id = enqueue("l").id();
    ClaimedJob c = broker.claim(List.of(Q), 1, Duration.ofMillis(200)).get(0);
    assertThat(broker.reapExpired(Q, 10).moved()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.reapExpired(Q, 10).moved() == 1);
    JobInfo j = job(id);
    assertThat(j.state()).isEqualTo(JobState.PENDING);
    assertThat(j.attempt()).isEqualTo(1);
    assertThat(j.lastError()).contains("lease expired");
    assertThat(broker.settle(List.of(new Settlement.Complete(c.lease())))).containsExactly(SettleResult.STALE);
    ClaimedJob again = claimOne();
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(broker.settle(List.of(new Settlement.Complete(c.lease())))).containsExactly(SettleResult.STALE);
    assertThat(broker.settle(List.of(new Settlement.Complete(again.lease())))).containsExactly(SettleResult.OK);
    assertStoredConsistently();
  }

  @Test
  void expiredLeaseWithNoRetriesLeftGoesDead() {
    String id = client.enqueue(JobRequest.of("l").queue(Q).maxRetries(0)).id();
    broker.claim(List.of(Q), 1, Duration.ofMillis(100));
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.reapExpired(Q, 10).moved() == 1);
    assertThat(job(id).state()).isEqualTo(JobState.DEAD);
    assertThat(job(id).lastError()).contains("lease expired");
    assertThat(job(id).attempt()).as("the lost attempt stays spent").isEqualTo(1);
    assertStoredConsistently();
  }

  @Test
  void extendedLeaseIsNotReaped() throws Exception {
    String id = enqueue("e").id();
    ClaimedJob c = broker.claim(List.of(Q), 1, Duration.ofMillis(300)).get(0);
    for (int i = 0; i < 5; i++) {
      assertThat(broker.extendLeases(List.of(c.lease()), Duration.ofMillis(300))).containsExactly(SettleResult.OK);
      Thread.sleep(100);
      assertThat(broker.reapExpired(Q, 10).moved()).isZero();
    }
    assertThat(job(id).state()).isEqualTo(JobState.ACTIVE);
    assertThat(broker.extendLeases(List.of(new Lease(Q, id, 12345)), LEASE)).containsExactly(SettleResult.STALE);
  }

  // ---- dead set ---------------------------------------------------------------------------

  private List<String> makeDead(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(enqueue("dead" + i).id());
    }
    for (ClaimedJob c : broker.claim(List.of(Q), n, LEASE)) {
      broker.settle(List.of(new Settlement.Dead(c.lease(), "err " + c.type())));
    }
    return ids;
  }

  @Test
  void deadSetPagesWithCursorOldestFirst() {
    List<String> ids = makeDead(5);
    JobPage p1 = broker.list(Q, JobState.DEAD, null, 2);
    assertThat(p1.jobs()).hasSize(2);
    assertThat(p1.nextCursor()).isNotNull();
    JobPage p2 = broker.list(Q, JobState.DEAD, p1.nextCursor(), 2);
    JobPage p3 = broker.list(Q, JobState.DEAD, p2.nextCursor(), 2);
    assertThat(p3.jobs()).hasSize(1);
    assertThat(p3.nextCursor()).isNull();
    List<String> seen = new ArrayList<>();
    for (JobPage p : List.of(p1, p2, p3)) {
      p.jobs().forEach(j -> seen.add(j.id()));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void requeueOneDeadJobResetsAttempts() {
    String id = makeDead(1).get(0);
    assertThat(broker.requeueDead(Q, id)).isTrue();
    assertThat(job(id).state()).isEqualTo(JobState.PENDING);
    assertThat(job(id).attempt()).isZero();
    assertThat(broker.requeueDead(Q, id)).as("no longer dead").isFalse();
    assertThat(claimOne().attempt()).isEqualTo(1);
  }

  @Test
  void requeueAllAndPurgeDead() {
    makeDead(5);
    assertThat(broker.requeueDead(Q, 3)).isEqualTo(3);
    assertThat(broker.counts(Q).dead()).isEqualTo(2);
    assertThat(broker.counts(Q).pending()).isEqualTo(3);
    assertThat(broker.purgeDead(Q, 100)).isEqualTo(2);
    assertThat(broker.counts(Q).dead()).isZero();
    assertThat(client.requeueAllDead(Q)).isZero();
    assertStoredConsistently();
  }

  @Test
  void purgedDeadJobIsGone() {
    String id = makeDead(1).get(0);
    assertThat(client.purgeDead(Q)).isEqualTo(1);
    assertThat(broker.find(Q, id)).isEmpty();
  }

  // ---- retention --------------------------------------------------------------------------

  @Test
  void pruneKeepsAtMostTheConfiguredCountOfFinishedJobs() {
    for (int i = 0; i < 6; i++) {
      enqueue("p" + i);
    }
    List<ClaimedJob> c = broker.claim(List.of(Q), 6, LEASE);
    for (int i = 0; i < 4; i++) {
      broker.settle(List.of(new Settlement.Complete(c.get(i).lease())));
    }
    broker.settle(List.of(new Settlement.Dead(c.get(4).lease(), "x"), new Settlement.Dead(c.get(5).lease(), "y")));
    Retention keepTwo = new Retention(Duration.ofDays(1), 2, Duration.ofDays(1), 1);
    assertThat(broker.prune(Q, keepTwo, 100).moved()).isEqualTo(3);
    assertThat(broker.counts(Q).completed()).isEqualTo(2);
    assertThat(broker.counts(Q).dead()).isEqualTo(1);
    long completedStored = c.subList(0, 4).stream().filter(j -> broker.find(Q, j.id()).isPresent()).count();
    long deadStored = c.subList(4, 6).stream().filter(j -> broker.find(Q, j.id()).isPresent()).count();
    assertThat(completedStored).as("pruned job records are deleted, not only unlisted").isEqualTo(2);
    assertThat(deadStored).isEqualTo(1);
    assertStoredConsistently();
  }

  @Test
  void pruneDeletesFinishedJobsOlderThanTheWindow() {
    enqueue("old");
    broker.settle(List.of(new Settlement.Complete(claimOne().lease())));
    Retention tiny = new Retention(Duration.ofMillis(100), 1000, Duration.ofDays(1), 1000);
    assertThat(broker.prune(Q, tiny, 100).moved()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.prune(Q, tiny, 100).moved() == 1);
    assertThat(broker.counts(Q).completed()).isZero();
  }

  // ---- listing and lookup -----------------------------------------------------------------

  @Test
  void pendingListIsInClaimOrderAndPaged() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(enqueue("p" + i).id());
    }
    JobPage first = broker.list(Q, JobState.PENDING, null, 3);
    JobPage second = broker.list(Q, JobState.PENDING, first.nextCursor(), 3);
    assertThat(first.jobs()).extracting(JobInfo::id).containsExactlyElementsOf(ids.subList(0, 3));
    assertThat(second.jobs()).extracting(JobInfo::id).containsExactlyElementsOf(ids.subList(3, 5));
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void unknownJobAndQueueAreEmptyNotErrors() {
    assertThat(broker.find("nope")).isEmpty();
    assertThat(broker.find("no-queue", "nope")).isEmpty();
    assertThat(broker.counts("no-queue")).isEqualTo(QueueCounts.EMPTY);
    assertThat(broker.list("no-queue", JobState.DEAD, null, 10).jobs()).isEmpty();
    assertThat(broker.promoteDue("no-queue", 10).moved()).isZero();
    assertThat(broker.reapExpired("no-queue", 10).moved()).isZero();
    assertThat(broker.requeueDead("no-queue", "x")).isFalse();
  }

  // ---- wake-up ----------------------------------------------------------------------------

  @Test
  void workSignalRemembersAWakeThatCameWhileNobodyWaited() throws Exception {
    try (WorkSignal signal = broker.workSignal(List.of(Q))) {
      Thread.sleep(100); // let a subscription settle where the broker has one
      assertThat(signal.await(Duration.ofMillis(50))).isFalse();
      enqueue("wake");
      await().atMost(Duration.ofSeconds(5)).until(() -> signal.await(Duration.ofMillis(100)));
    }
  }

  @Test
  void workSignalWakesAWaitingWorkerOnEnqueue() throws Exception {
    try (WorkSignal signal = broker.workSignal(List.of(Q))) {
      Thread.sleep(100);
      signal.await(Duration.ofMillis(10));
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(150);
        } catch (InterruptedException e) {
          return;
        }
        enqueue("wake");
      });
      t.start();
      long start = System.nanoTime();
      assertThat(signal.await(Duration.ofSeconds(10))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      t.join();
    }
  }

  // ---- operator actions -------------------------------------------------------------------

  @Test
  void pausedQueueAcceptsJobsButNothingIsClaimedUntilResumed() throws Exception {
    broker.pause(Q);
    assertThat(broker.isPaused(Q)).isTrue();
    assertThat(broker.isPaused("contract-other")).isFalse();
    String id = enqueue("p").id();
    client.enqueue(JobRequest.of("other").queue("contract-other"));
    assertThat(broker.claim(List.of(Q, "contract-other"), 10, LEASE)).extracting(ClaimedJob::type).containsExactly("other");
    try (WorkSignal signal = broker.workSignal(List.of(Q))) {
      Thread.sleep(100);
      signal.await(Duration.ofMillis(10));
      broker.resume(Q);
      assertThat(broker.isPaused(Q)).isFalse();
      await().atMost(Duration.ofSeconds(5)).until(() -> signal.await(Duration.ofMillis(100)));
    }
    assertThat(claimOne().id()).isEqualTo(id);
  }

  @Test
  void retryNowMovesDeadRetryAndScheduledJobsToPending() {
    String dead = makeDead(1).get(0);
    assertThat(broker.retryNow(Q, dead)).isTrue();
    assertThat(job(dead).state()).isEqualTo(JobState.PENDING);
    assertThat(job(dead).attempt()).isZero();

    String scheduled = client.enqueue(JobRequest.of("later").queue(Q).delay(Duration.ofHours(1))).id();
    assertThat(broker.retryNow(Q, scheduled)).isTrue();
    assertThat(job(scheduled).state()).isEqualTo(JobState.PENDING);

    broker.claim(List.of(Q), 10, LEASE).forEach(c -> broker.settle(List.of(new Settlement.Retry(c.lease(), 3_600_000, "later"))));
    assertThat(job(scheduled).state()).isEqualTo(JobState.RETRY);
    assertThat(broker.retryNow(Q, scheduled)).isTrue();
    assertThat(broker.retryNow(Q, dead)).isTrue();
    assertThat(job(scheduled).attempt()).as("a retry keeps its attempts").isEqualTo(1);
    assertThat(broker.counts(Q).pending()).isEqualTo(2);
    assertThat(broker.counts(Q).retry()).isZero();

    ClaimedJob active = claimOne();
    assertThat(broker.retryNow(Q, active.id())).as("active is not retried").isFalse();
    broker.settle(List.of(new Settlement.Complete(active.lease())));
    assertThat(broker.retryNow(Q, active.id())).as("completed is final").isFalse();
    assertThat(broker.retryNow(Q, "no-such-job")).isFalse();
    assertStoredConsistently();
  }

  @Test
  void deleteRemovesAJobInAnyStateAndItsLeaseGoesStale() {
    String pending = enqueue("a").id();
    enqueue("b");
    ClaimedJob active = broker.claim(List.of(Q), 1, LEASE).get(0);
    String other = broker.list(Q, JobState.PENDING, null, 10).jobs().get(0).id();
    assertThat(active.id()).isEqualTo(pending);
    assertThat(broker.delete(Q, active.id())).isTrue();
    assertThat(broker.delete(Q, other)).isTrue();
    assertThat(broker.find(Q, active.id())).isEmpty();
    assertThat(broker.counts(Q)).isEqualTo(QueueCounts.EMPTY);
    assertThat(broker.settle(List.of(new Settlement.Complete(active.lease())))).containsExactly(SettleResult.STALE);
    assertThat(broker.delete(Q, active.id())).isFalse();
    assertStoredConsistently();
  }

  // ---- event log --------------------------------------------------------------------------

  private static dev.ferry.JobEvent event(dev.ferry.JobEvent.Kind kind, String id, String queue) {
    return dev.ferry.JobEvent.of(kind, id, queue, "t", 1, java.time.Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  @Test
  void eventLogReadsInOrderAfterACursor() throws Exception {
    EventBatch start = broker.readEvents(List.of(Q), null, 100, Duration.ZERO);
    assertThat(start.events()).isEmpty();
    broker.appendEvents(List.of(
        event(dev.ferry.JobEvent.Kind.ENQUEUED, "j1", Q),
        event(dev.ferry.JobEvent.Kind.STARTED, "j1", Q),
        event(dev.ferry.JobEvent.Kind.ENQUEUED, "x", "contract-elsewhere"),
        event(dev.ferry.JobEvent.Kind.COMPLETED, "j1", Q)));
    EventBatch first = broker.readEvents(List.of(Q), start.cursor(), 2, Duration.ZERO);
    assertThat(first.events()).extracting(dev.ferry.JobEvent::kind)
        .containsExactly(dev.ferry.JobEvent.Kind.ENQUEUED, dev.ferry.JobEvent.Kind.STARTED);
    assertThat(first.events().get(0).jobId()).isEqualTo("j1");
    assertThat(first.events().get(0).queue()).isEqualTo(Q);
    EventBatch second = broker.readEvents(List.of(Q), first.cursor(), 10, Duration.ZERO);
    assertThat(second.events()).extracting(dev.ferry.JobEvent::kind).containsExactly(dev.ferry.JobEvent.Kind.COMPLETED);
    assertThat(broker.readEvents(List.of(Q), second.cursor(), 10, Duration.ZERO).events()).isEmpty();
  }

  @Test
  void anEventKeepsEveryFieldThroughTheLogAndAbsentOnesStayAbsent() throws Exception {
    EventBatch start = broker.readEvents(List.of(Q), null, 10, Duration.ZERO);
    java.time.Instant at = java.time.Instant.ofEpochMilli(1_700_000_000_123L);
    dev.ferry.JobEvent full = new dev.ferry.JobEvent(dev.ferry.JobEvent.Kind.RETRIED, "j9", Q, "mail.send", 3, at,
        Duration.ofMillis(42), Duration.ofMillis(7), "IllegalStateException: smtp down\n\tat Mailer.send");
    dev.ferry.JobEvent bare = new dev.ferry.JobEvent(dev.ferry.JobEvent.Kind.ENQUEUED, "j10", Q, null, 0, at, null, null, null);
    // Each optional field alone, after events that had the others: none carries over.
    dev.ferry.JobEvent waitedOnly =
        new dev.ferry.JobEvent(dev.ferry.JobEvent.Kind.STARTED, "j11", Q, "report", 1, at, null, Duration.ofMillis(5), null);
    dev.ferry.JobEvent errorOnly =
        new dev.ferry.JobEvent(dev.ferry.JobEvent.Kind.DEAD, "j12", Q, "report", 2, at, null, null, "gave up");
    dev.ferry.JobEvent durationOnly =
        new dev.ferry.JobEvent(dev.ferry.JobEvent.Kind.COMPLETED, "j13", Q, "report", 1, at, Duration.ofMillis(9), null, null);
    broker.appendEvents(List.of(full, bare, waitedOnly, errorOnly, durationOnly));
    List<dev.ferry.JobEvent> read = broker.readEvents(List.of(Q), start.cursor(), 10, Duration.ZERO).events();
    assertThat(read).hasSize(5);
    assertThat(read.get(0)).isEqualTo(full);
    assertThat(read.get(1).duration()).isNull();
    assertThat(read.get(1).waited()).isNull();
    assertThat(read.get(1).error()).isNull();
    assertThat(read.get(1).jobId()).isEqualTo("j10");
    assertThat(read.subList(2, 5)).containsExactly(waitedOnly, errorOnly, durationOnly);
  }

  @Test
  void anEnqueueLogsOneEnqueuedLinePerJobCreatedAndNoneForADuplicate() throws Exception {
    EventBatch start = broker.readEvents(List.of(Q), null, 10, Duration.ZERO);
    long before = System.currentTimeMillis();
    EnqueueResult first = client.enqueue(JobRequest.of("mail.send", new byte[] {1}).queue(Q).id("order-1"));
    EnqueueResult again = client.enqueue(JobRequest.of("mail.send", new byte[] {1}).queue(Q).id("order-1"));
    List<EnqueueResult> more = client.enqueueAll(List.of(
        JobRequest.of("report", new byte[] {2}).queue(Q),
        JobRequest.of("report", new byte[] {3}).queue(Q).delay(Duration.ofHours(1)),
        JobRequest.of("mail.send", new byte[] {1}).queue(Q).id("order-1")));
    long after = System.currentTimeMillis();
    assertThat(again.duplicate()).isTrue();
    assertThat(more.get(2).duplicate()).isTrue();
    List<dev.ferry.JobEvent> read = broker.readEvents(List.of(Q), start.cursor(), 10, Duration.ZERO).events();
    assertThat(read).extracting(dev.ferry.JobEvent::jobId).containsExactly(first.id(), more.get(0).id(), more.get(1).id());
    assertThat(read).extracting(dev.ferry.JobEvent::type).containsExactly("mail.send", "report", "report");
    for (dev.ferry.JobEvent e : read) {
      assertThat(e.kind()).isEqualTo(dev.ferry.JobEvent.Kind.ENQUEUED);
      assertThat(e.queue()).isEqualTo(Q);
      assertThat(e.attempt()).isZero();
      assertThat(e.at().toEpochMilli()).isBetween(before - 1_000, after + 1_000); // the store's clock
      assertThat(e.duration()).isNull();
      assertThat(e.error()).isNull();
    }
  }

  @Test
  void anEnqueueWithTheEventLogOffLogsNothing() throws Exception {
    EventBatch start = broker.readEvents(List.of(Q), null, 10, Duration.ZERO);
    JobClient quiet = JobClient.builder(broker).eventLog(false).build();
    quiet.enqueue(JobRequest.of("t", new byte[] {1}).queue(Q));
    quiet.enqueueAll(List.of(JobRequest.of("t", new byte[] {2}).queue(Q), JobRequest.of("t", new byte[] {3}).queue(Q)));
    assertThat(broker.readEvents(List.of(Q), start.cursor(), 10, Duration.ZERO).events()).isEmpty();
  }

  @Test
  void eventReadBlocksUntilAnEventArrives() throws Exception {
    EventBatch start = broker.readEvents(List.of(Q), null, 10, Duration.ZERO);
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      broker.appendEvents(List.of(event(dev.ferry.JobEvent.Kind.DEAD, "late", Q)));
    });
    t.start();
    EventBatch got = broker.readEvents(List.of(Q), start.cursor(), 10, Duration.ofSeconds(10));
    t.join();
    assertThat(got.events()).extracting(dev.ferry.JobEvent::jobId).containsExactly("late");
  }

  private static dev.ferry.WorkerInfo workerInfo(String id, int busy) {
    java.time.Instant now = java.time.Instant.ofEpochMilli(System.currentTimeMillis());
    return new dev.ferry.WorkerInfo(id, "host-a", 4242, List.of(Q, "other"), 8, busy, now.minusSeconds(60), now,
        List.of(new dev.ferry.WorkerInfo.Running("job-1", Q, "mail", 2, now.minusSeconds(1))));
  }

  private List<String> workerIds() {
    return broker.workers().stream().map(dev.ferry.WorkerInfo::id).toList();
  }

  @Test
  void anAnnouncedWorkerIsListedWithEverythingItSaid() {
    dev.ferry.WorkerInfo w = workerInfo("w-listed", 3);
    broker.announceWorker(w, Duration.ofSeconds(30));
    assertThat(broker.workers()).filteredOn(x -> x.id().equals("w-listed")).containsExactly(w);
  }

  @Test
  void aNewAnnouncementReplacesTheOldOne() {
    broker.announceWorker(workerInfo("w-again", 1), Duration.ofSeconds(30));
    broker.announceWorker(workerInfo("w-again", 7), Duration.ofSeconds(30));
    assertThat(broker.workers()).filteredOn(x -> x.id().equals("w-again"))
        .singleElement().extracting(dev.ferry.WorkerInfo::busy).isEqualTo(7);
  }

  @Test
  void aRetiredWorkerIsGoneAtOnce() {
    broker.announceWorker(workerInfo("w-retired", 0), Duration.ofSeconds(30));
    broker.retireWorker("w-retired");
    broker.retireWorker("w-never-seen");
    assertThat(workerIds()).doesNotContain("w-retired");
  }

  @Test
  void aWorkerThatStopsAnnouncingDropsOutWhenItsAnnouncementLapses() {
    broker.announceWorker(workerInfo("w-lapsing", 0), Duration.ofMillis(300));
    broker.announceWorker(workerInfo("w-staying", 0), Duration.ofSeconds(30));
    assertThat(workerIds()).contains("w-lapsing", "w-staying");
    await().atMost(Duration.ofSeconds(5)).until(() -> !workerIds().contains("w-lapsing"));
    assertThat(workerIds()).contains("w-staying");
  }
}
