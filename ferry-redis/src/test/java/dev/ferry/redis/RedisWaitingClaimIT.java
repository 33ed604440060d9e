package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.redis.internal.Keys;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.WaitingClaim;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis broker's waiting claim (ADR 0010): it claims what is pending at once, blocks in Redis
 * when nothing is, takes a job the moment one is pushed, and never moves a job itself.
 */
class RedisWaitingClaimIT {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static final Duration LEASE = Duration.ofSeconds(30);
  /**
   * Longer than any test waits for an answer (the broker caps a wait at 5 s): a wait that ends
   * early was ended by what is tested.
   */
  private static final Duration LONG_WAIT = Duration.ofSeconds(8);
  private static final String Q = "waiting";
  @RegisterExtension static final PrivateRedis redis = new PrivateRedis();

  private Keys keys;
  private RedisBroker broker;
  private JobClient client;
  private WaitingClaim waiting;
  private final ExecutorService caller = Executors.newSingleThreadExecutor();

  @BeforeEach
  void connect() {
    String prefix = "waiting" + TESTS.incrementAndGet();
    keys = new Keys(prefix);
    broker = RedisBroker.connect(redis.uri(), prefix);
    client = JobClient.create(broker);
    waiting = broker.waitingClaim(Q).orElseThrow();
  }

  @AfterEach
  void close() {
    waiting.close();
    caller.shutdownNow();
    broker.close();
  }

  private RedisCommands<String, String> redis() {
    return redis.text();
  }

  private String enqueue() {
    return client.enqueue(JobRequest.of("t").queue(Q)).id();
  }

  private static List<String> ids(WaitingClaim.Outcome o) {
    return o.jobs().stream().map(ClaimedJob::id).toList();
  }

  /** The CLIENT LIST line of the connection blocked in BLMOVE, once there is one. */
  private String blockedClient() {
    await().atMost(Duration.ofSeconds(10)).until(() -> blockedLine() != null);
    return blockedLine();
  }

  private String blockedLine() {
    return Arrays.stream(redis().clientList().split("\n")).filter(l -> l.contains(" cmd=blmove ")).findFirst().orElse(null);
  }

  private static long field(String clientLine, String name) {
    return Arrays.stream(clientLine.split(" "))
        .filter(f -> f.startsWith(name + "="))
        .mapToLong(f -> Long.parseLong(f.substring(name.length() + 1)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void pendingJobsAreClaimedAtOnceOldestFirstAndTheRestKeepTheirOrder() {
    String a = enqueue();
    String b = enqueue();
    String c = enqueue();
    String d = enqueue();

    WaitingClaim.Outcome o = waiting.claim(2, LEASE, LONG_WAIT);

    assertThat(ids(o)).containsExactly(a, b);
    assertThat(o.stalled()).isFalse();
    assertThat(o.jobs()).allSatisfy(j -> assertThat(j.attempt()).isEqualTo(1));
    assertThat(client.inspect(Q, a).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
    // the wait moved the oldest id from the tail back to the tail: the list is as it was
    assertThat(redis().lrange(keys.pending(Q), 0, -1)).containsExactly(d, c);
    assertThat(ids(waiting.claim(5, LEASE, LONG_WAIT))).containsExactly(c, d);
  }

  @Test
  void anIdleClaimWaitsInRedisWithItsClaimAlreadySentAndTakesAJobTheMomentItIsPushed() throws Exception {
    Future<WaitingClaim.Outcome> claimed = caller.submit(() -> waiting.claim(4, LEASE, LONG_WAIT));
    String blocked = blockedClient();
    // The claim script is already in Redis's input buffer, behind the blocked BLMOVE: Redis runs
    // it as soon as the wait ends, with no round trip back to the worker.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      String line = blockedLine();
      return line != null && field(line, "qbuf") > 0;
    });
    assertThat(field(blocked, "id")).isPositive();

    String id = enqueue();

    // woken by the push, not by the wait (5 s at most) running out
    WaitingClaim.Outcome o = claimed.get(3, TimeUnit.SECONDS);
    assertThat(ids(o)).containsExactly(id);
    assertThat(o.stalled()).isFalse();
    assertThat(o.jobs().get(0).lease().token()).isPositive();
    assertThat(client.inspect(Q, id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);
    assertThat(redis().llen(keys.pending(Q))).isZero();
  }

  @Test
  void aJobPromotedFromScheduledEndsTheWaitToo() throws Exception {
    String id = client.enqueue(JobRequest.of("t").queue(Q).delay(Duration.ofMillis(1))).id();
    Future<WaitingClaim.Outcome> claimed = caller.submit(() -> waiting.claim(4, LEASE, LONG_WAIT));
    blockedClient();
    Thread.sleep(5); // the job is due
    assertThat(broker.promoteDue(Q, 10).moved()).isEqualTo(1);

    assertThat(ids(claimed.get(3, TimeUnit.SECONDS))).containsExactly(id);
  }

  @Test
  void aWaitThatRunsOutReturnsNothingAndLeavesNothingBehind() {
    WaitingClaim.Outcome o = waiting.claim(4, LEASE, Duration.ofMillis(50));

    assertThat(o.jobs()).isEmpty();
    assertThat(o.stalled()).isFalse();
    assertThat(redis().exists(keys.pending(Q), keys.leases(Q), keys.active(Q))).isZero();
  }

  @Test
  void aPausedQueueStallsTheClaimAndKeepsItsJobs() {
    String a = enqueue();
    String b = enqueue();
    broker.pause(Q);

    WaitingClaim.Outcome o = waiting.claim(4, LEASE, LONG_WAIT);

    assertThat(o.jobs()).isEmpty();
    assertThat(o.stalled()).as("jobs are pending but none could be claimed").isTrue();
    assertThat(redis().lrange(keys.pending(Q), 0, -1)).containsExactly(b, a);
    broker.resume(Q);
    assertThat(ids(waiting.claim(4, LEASE, LONG_WAIT))).containsExactly(a, b);
  }

  @Test
  void closingEndsAWaitInProgressAndLaterClaimsReturnNothing() throws Exception {
    Future<WaitingClaim.Outcome> claimed = caller.submit(() -> waiting.claim(4, LEASE, LONG_WAIT));
    blockedClient();

    waiting.close();

    // ended by CLIENT UNBLOCK, well before the wait (5 s at most) would have run out
    WaitingClaim.Outcome o = claimed.get(3, TimeUnit.SECONDS);
    assertThat(o.jobs()).isEmpty();
    assertThat(o.stalled()).isFalse();
    String id = enqueue();
    assertThat(waiting.claim(4, LEASE, LONG_WAIT).jobs()).isEmpty();
    assertThat(client.inspect(Q, id).orElseThrow().state()).isEqualTo(JobState.PENDING);
    await().atMost(Duration.ofSeconds(10)).until(() -> blockedLine() == null);
  }

  /** A broker connected as an ACL user that lacks one command. */
  private RedisBroker brokerWithout(String user, UnaryOperator<AclSetuserArgs> without) {
    redis().aclSetuser(user, without.apply(AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allChannels().allCommands()));
    String uri = redis.uri().replace("redis://", "redis://" + user + ":pw@");
    return RedisBroker.connect(uri, keys.prefix());
  }

  @Test
  void aRefusedWaitStillHandsOverWhatItsClaimTookAndReportsAStall() {
    try (RedisBroker limited = brokerWithout("noblmove", a -> a.removeCommand(CommandType.BLMOVE));
        WaitingClaim w = limited.waitingClaim(Q).orElseThrow()) {
      String a = enqueue();

      WaitingClaim.Outcome o = w.claim(4, LEASE, LONG_WAIT);

      // the claim queued behind the refused BLMOVE ran: its job is handed over, not stranded
      assertThat(ids(o)).containsExactly(a);
      assertThat(o.stalled()).as("not waited: the worker falls back to its wake-up signal").isTrue();
      assertThat(w.claim(4, LEASE, LONG_WAIT).jobs()).isEmpty();
    }
  }

  @Test
  void closingWithoutTheRightToUnblockDropsTheConnectionAndTakesNoJob() throws Exception {
    try (RedisBroker limited = brokerWithout("nounblock", a -> a.removeCommand(CommandType.CLIENT, CommandKeyword.UNBLOCK))) {
      WaitingClaim w = limited.waitingClaim(Q).orElseThrow();
      Future<WaitingClaim.Outcome> claimed = caller.submit(() -> w.claim(4, LEASE, LONG_WAIT));
      blockedClient();

      w.close();

      // ended by dropping the connection, well before the wait (5 s at most) would have run out
      assertThat(org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class, () -> claimed.get(3, TimeUnit.SECONDS)))
          .hasCauseInstanceOf(dev.ferry.FerryException.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> blockedLine() == null);
      String id = enqueue();
      assertThat(redis().lrange(keys.pending(Q), 0, -1)).containsExactly(id);
    }
  }
}
