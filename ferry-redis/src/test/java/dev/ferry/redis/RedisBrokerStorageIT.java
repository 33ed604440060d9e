package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.EnqueueResult;
import dev.ferry.JobClient;
import dev.ferry.JobEvent;
import dev.ferry.JobInfo;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.redis.internal.Keys;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.EventBatch;
import dev.ferry.spi.SettleResult;
import dev.ferry.spi.Settlement;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Redis broker writes and reads: the packed job records (and the per-job hashes of
 * earlier versions), leases, uniqueness keys, script reloads, bulk batches, event-log readers.
 */
class RedisBrokerStorageIT {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String Q = "storage";
  @RegisterExtension static final PrivateRedis redis = new PrivateRedis();

  private Keys keys;
  private RedisBroker broker;
  private JobClient client;

  @BeforeEach
  void connect() {
    String prefix = "storage" + TESTS.incrementAndGet();
    keys = new Keys(prefix);
    broker = RedisBroker.connect(redis.uri(), prefix);
    client = JobClient.create(broker);
  }

  @AfterEach
  void close() {
    broker.close();
  }

  private RedisCommands<String, byte[]> redis() {
    return redis.bytes();
  }

  private static java.util.Map<String, String> text(java.util.Map<String, byte[]> hash) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    hash.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
    return out;
  }

  /** The job's packed record in the queue's jobs hash, as text (ISO-8859-1 keeps every byte). */
  private String record(String id) {
    byte[] v = redis().hget(keys.jobs(Q), id);
    return v == null ? null : new String(v, StandardCharsets.ISO_8859_1);
  }

  @Test
  void storesTheRecordPackedInTheJobsHashWithExactPayloadBytesAndNoKeyPerJob() {
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i;
    }
    String id = client.enqueue(JobRequest.of("bytes", payload).queue(Q)).id();
    String record = record(id);
    assertThat(record).startsWith("3,pending,,25,").contains(",5:bytes0:0:");
    assertThat(record).endsWith(new String(payload, StandardCharsets.ISO_8859_1));
    assertThat(redis().exists(keys.oldJob(Q, id))).as("no key of its own").isZero();
    assertThat(broker.find(Q, id).orElseThrow().payload()).isEqualTo(payload);
    assertThat(broker.claim(List.of(Q), 1, LEASE).get(0).payload()).isEqualTo(payload);
  }

  @Test
  void aRecordKeepsTextHoldingTheSeparatorsAndTimesAfterCreation() {
    String id = client.enqueue(JobRequest.of("a,b:ç", new byte[] {'1', ':', ','}).queue(Q).maxRetries(0)
        .timeout(Duration.ofSeconds(7)).delay(Duration.ofHours(1))).id();
    JobInfo scheduled = broker.find(Q, id).orElseThrow();
    assertThat(scheduled.type()).isEqualTo("a,b:ç");
    assertThat(scheduled.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(Duration.between(scheduled.createdAt(), scheduled.runAt())).isEqualTo(Duration.ofHours(1));
    assertThat(record(id)).as("due is stored as ms after created").contains(",3600000,7000,");
    assertThat(broker.retryNow(Q, id)).isTrue();
    ClaimedJob claimed = broker.claim(List.of(Q), 1, LEASE).get(0);
    assertThat(claimed.type()).isEqualTo("a,b:ç");
    assertThat(claimed.payload()).containsExactly('1', ':', ',');
    String error = "boom, with: commas,\nand 3:colons";
    broker.settle(List.of(new Settlement.Dead(claimed.lease(), error)));
    JobInfo dead = broker.find(Q, id).orElseThrow();
    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.lastError()).isEqualTo(error);
    assertThat(dead.attempt()).isEqualTo(1);
    assertThat(dead.type()).isEqualTo("a,b:ç");
    assertThat(dead.payload()).containsExactly('1', ':', ',');
  }

  @Test
  void aLeaseLivesInTheLeasesHashAndSettlingWritesTheAttemptToTheJobOnce() {
    String id = client.enqueue(JobRequest.of("t").queue(Q)).id();
    String beforeClaim = record(id);
    ClaimedJob claimed = broker.claim(List.of(Q), 1, LEASE).get(0);
    assertThat(new String(redis().hget(keys.leases(Q), id), StandardCharsets.UTF_8))
        .isEqualTo(claimed.lease().token() + ":1");
    assertThat(redis().zscore(keys.active(Q), id.getBytes(StandardCharsets.UTF_8))).isNotNull();
    assertThat(record(id)).as("the claim does not write the record").isEqualTo(beforeClaim);
    assertThat(broker.find(Q, id).orElseThrow().state()).isEqualTo(JobState.ACTIVE);

    assertThat(broker.settle(List.of(new Settlement.Complete(claimed.lease())))).containsExactly(SettleResult.OK);
    assertThat(redis().hlen(keys.leases(Q))).isZero();
    assertThat(redis().zcard(keys.active(Q))).isZero();
    assertThat(record(id)).startsWith("3,completed,1,25,");
    JobInfo done = broker.find(Q, id).orElseThrow();
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.attempt()).isEqualTo(1);
    assertThat(done.updatedAt()).isAfterOrEqualTo(done.createdAt());
  }

  @Test
  void aVersionOneJobLosesItsOwnTokenOnItsFirstClaimSoAnOldWorkerCannotSettleIt() {
    // A job stored by the version before the leases hash: its token lived in the job hash.
    String jobKey = keys.oldJob(Q, "old-1");
    oldHash(jobKey, "v", "1", "id", "old-1", "type", "t", "queue", Q, "payload", "p", "state", "pending",
        "attempt", "0", "max", "3", "token", "7", "timeout", "0", "created", "1", "updated", "1", "due", "1");
    redis().lpush(keys.pending(Q), bytes("old-1"));
    ClaimedJob claimed = broker.claim(List.of(Q), 1, LEASE).get(0);
    assertThat(claimed.id()).isEqualTo("old-1");
    assertThat(claimed.attempt()).isEqualTo(1);
    assertThat(redis().exists(jobKey)).as("moved into the jobs hash: an old worker's token check now fails").isZero();
    assertThat(record("old-1")).startsWith("3,pending,,3,1,");
    assertThat(broker.settle(List.of(new Settlement.Complete(claimed.lease())))).containsExactly(SettleResult.OK);
    assertThat(broker.find(Q, "old-1").orElseThrow().state()).isEqualTo(JobState.COMPLETED);
  }

  @Test
  void jobsAnEarlierVersionStoredInHashesOfTheirOwnAreReadAsTheyAreAndMovedWhenTouched() {
    long t = 1_700_000_000_000L;
    String created = Long.toString(t);
    String[] common = {"v", "2", "type", "old", "payload", "body", "max", "1", "created", created};
    oldJob("p1", common, "state", "pending");
    redis().lpush(keys.pending(Q), bytes("p1"));
    oldJob("s1", common, "state", "scheduled", "due", Long.toString(t + 5), "timeout", "9000");
    redis().zadd(keys.scheduled(Q), t + 5, bytes("s1"));
    oldJob("d1", common, "state", "dead", "attempt", "2", "error", "it broke", "updated", Long.toString(t + 9));
    redis().zadd(keys.dead(Q), t + 9, bytes("d1"));
    oldJob("d2", common, "state", "dead", "attempt", "2", "updated", Long.toString(t + 9));
    redis().zadd(keys.dead(Q), t + 10, bytes("d2"));
    oldJob("c1", common, "state", "completed", "attempt", "1", "updated", Long.toString(t + 3));
    redis().zadd(keys.completed(Q), t + 3, bytes("c1"));

    // read as they are, nothing moved
    JobInfo dead = broker.find(Q, "d1").orElseThrow();
    assertThat(dead.state()).isEqualTo(JobState.DEAD);
    assertThat(dead.attempt()).isEqualTo(2);
    assertThat(dead.lastError()).isEqualTo("it broke");
    assertThat(dead.updatedAt().toEpochMilli()).isEqualTo(t + 9);
    assertThat(dead.payload()).isEqualTo(bytes("body"));
    JobInfo scheduled = broker.find(Q, "s1").orElseThrow();
    assertThat(scheduled.runAt().toEpochMilli()).isEqualTo(t + 5);
    assertThat(scheduled.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(broker.list(Q, JobState.COMPLETED, null, 10).jobs()).extracting(JobInfo::id).containsExactly("c1");
    assertThat(redis().hlen(keys.jobs(Q))).isZero();

    // touched: claimed, promoted, requeued, deleted, purged, pruned
    assertThat(broker.claim(List.of(Q), 1, LEASE)).extracting(ClaimedJob::id).containsExactly("p1");
    assertThat(broker.promoteDue(Q, 10).moved()).isEqualTo(1);
    assertThat(redis().exists(keys.oldJob(Q, "s1"))).isZero();
    JobInfo promoted = broker.find(Q, "s1").orElseThrow();
    assertThat(promoted.state()).isEqualTo(JobState.PENDING);
    assertThat(promoted.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(broker.requeueDead(Q, "d1")).isTrue();
    JobInfo requeued = broker.find(Q, "d1").orElseThrow();
    assertThat(requeued.state()).isEqualTo(JobState.PENDING);
    assertThat(requeued.attempt()).isZero();
    assertThat(requeued.createdAt().toEpochMilli()).isEqualTo(t);
    assertThat(broker.purgeDead(Q, 10)).isEqualTo(1);
    assertThat(redis().exists(keys.oldJob(Q, "d2"))).isZero();
    assertThat(broker.delete(Q, "c1")).isTrue();
    assertThat(redis().exists(keys.oldJob(Q, "c1"), keys.oldJob(Q, "p1"), keys.oldJob(Q, "d1"))).isZero();
    assertThat(redis().hkeys(keys.jobs(Q))).containsExactlyInAnyOrder("p1", "s1", "d1");
  }

  @Test
  void aRecordThisVersionCannotReadIsNeitherRunNorLostButShownDead() {
    String first = client.enqueue(job()).id();
    redis().hset(keys.jobs(Q), "later", bytes("4,a format of a later version"));
    redis().lpush(keys.pending(Q), bytes("later"));
    redis().hset(keys.jobs(Q), "torn", bytes("3,pending,,25,1,,,,99:short"));
    redis().lpush(keys.pending(Q), bytes("torn"));
    String last = client.enqueue(job()).id();

    assertThat(broker.claim(List.of(Q), 10, LEASE)).extracting(ClaimedJob::id).containsExactly(first, last);
    assertThat(broker.list(Q, JobState.DEAD, null, 10).jobs()).extracting(JobInfo::id).containsExactly("later", "torn");
    JobInfo later = broker.find(Q, "later").orElseThrow();
    assertThat(later.state()).isEqualTo(JobState.DEAD);
    assertThat(later.lastError()).contains("unreadable job record", "unknown format");
    assertThat(later.payload()).isEqualTo(bytes("4,a format of a later version"));
    assertThatThrownBy(() -> broker.requeueDead(Q, "later")).hasMessageContaining("unknown format");
    assertThat(redis().zscore(keys.dead(Q), bytes("later"))).as("a refused requeue moves nothing").isNotNull();
    assertThat(broker.delete(Q, "later")).isTrue();
    assertThat(broker.purgeDead(Q, 10)).isEqualTo(1);
    assertThat(redis().hexists(keys.jobs(Q), "torn")).isFalse();
  }

  @Test
  void anOldHashThatHoldsNoWholeRecordIsNotAJob() {
    // what an old worker's settle leaves behind if its job was moved under it
    oldHash(keys.oldJob(Q, "fragment"), "state", "completed", "updated", "5", "attempt", "1");
    redis().lpush(keys.pending(Q), bytes("fragment"));
    String good = client.enqueue(job()).id();
    assertThat(broker.claim(List.of(Q), 10, LEASE)).extracting(ClaimedJob::id).containsExactly(good);
    assertThat(broker.find(Q, "fragment")).isEmpty();
  }

  @Test
  void promotingMoreDueJobsThanOneUnpackHoldsMovesThemAll() throws Exception {
    List<JobRequest> due = new ArrayList<>();
    for (int i = 0; i < 4_500; i++) {
      due.add(job().delay(Duration.ofMillis(1)));
    }
    client.enqueueAll(due);
    Thread.sleep(20);
    assertThat(broker.promoteDue(Q, 5_000).moved()).isEqualTo(4_500);
    assertThat(redis().llen(keys.pending(Q))).isEqualTo(4_500);
    assertThat(redis().zcard(keys.scheduled(Q))).isZero();
    assertThat(broker.list(Q, JobState.PENDING, null, 1_500).jobs()).hasSize(1_500);
  }

  @Test
  void aRefusedRetryLeavesAnOldJobWhereItIsAndDeletingRemovesBothForms() {
    long t = 1_700_000_000_000L;
    String[] common = {"v", "2", "type", "old", "payload", "body", "max", "1", "created", Long.toString(t)};
    oldJob("p1", common, "state", "pending");
    redis().lpush(keys.pending(Q), bytes("p1"));
    assertThat(broker.retryNow(Q, "p1")).isFalse();
    assertThat(redis().exists(keys.oldJob(Q, "p1"))).as("not moved by a retry that did nothing").isOne();
    assertThat(redis().hexists(keys.jobs(Q), "p1")).isFalse();

    redis().hset(keys.jobs(Q), "p1", redis().hget(keys.jobs(Q), client.enqueue(job()).id()));
    assertThat(broker.delete(Q, "p1")).isTrue();
    assertThat(redis().exists(keys.oldJob(Q, "p1"))).isZero();
    assertThat(redis().hexists(keys.jobs(Q), "p1")).isFalse();
  }

  private void oldJob(String id, String[] common, String... more) {
    String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    oldHash(keys.oldJob(Q, id), all);
  }

  private void oldHash(String key, String... fields) {
    java.util.Map<String, byte[]> h = new java.util.LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      h.put(fields[i], bytes(fields[i + 1]));
    }
    redis().hset(key, h);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void fencingTokensComeFromOneCounterPerQueueAndNeverRepeat() {
    String id = client.enqueue(JobRequest.of("t").queue(Q)).id();
    long first = broker.claim(List.of(Q), 1, LEASE).get(0).lease().token();
    broker.delete(Q, id);
    client.enqueue(JobRequest.of("t").queue(Q));
    client.enqueue(JobRequest.of("t").queue(Q));
    List<ClaimedJob> next = broker.claim(List.of(Q), 2, LEASE);
    assertThat(next).extracting(c -> c.lease().token()).containsExactly(first + 1, first + 2);
    assertThat(new String(redis().get(keys.tokens(Q)), StandardCharsets.UTF_8)).isEqualTo(Long.toString(first + 2));
  }

  @Test
  void aDuplicateOfAnActiveJobIsReportedActive() {
    String id = client.enqueue(JobRequest.of("u").queue(Q).uniqueKey("k").uniqueFor(Duration.ofMinutes(1))).id();
    broker.claim(List.of(Q), 1, LEASE);
    var dup = client.enqueue(JobRequest.of("u").queue(Q).uniqueKey("k").uniqueFor(Duration.ofMinutes(1)));
    assertThat(dup.id()).isEqualTo(id);
    assertThat(dup.state()).isEqualTo(JobState.ACTIVE);
  }

  @Test
  void uniqueKeyExpiresOnItsOwnAndIsNamedInTheJob() {
    String id = client.enqueue(JobRequest.of("u").queue(Q).uniqueKey("order-7").uniqueFor(Duration.ofMinutes(1))).id();
    String uniqueKey = keys.unique(Q, "order-7");
    assertThat(redis().pttl(uniqueKey)).isBetween(1L, 60_000L);
    assertThat(new String(redis().get(uniqueKey), StandardCharsets.UTF_8)).isEqualTo(id);
    assertThat(record(id)).as("the record names its uniqueness key").contains(uniqueKey.length() + ":" + uniqueKey);
  }

  @Test
  void duplicateOfADeletedHolderHasNoState() {
    JobRequest req = JobRequest.of("u").queue(Q).uniqueKey("gone").uniqueFor(Duration.ofMinutes(1));
    String id = client.enqueue(req).id();
    redis().hdel(keys.jobs(Q), id);
    EnqueueResult again = client.enqueue(req);
    assertThat(again.duplicate()).isTrue();
    assertThat(again.id()).isEqualTo(id);
    assertThat(again.state()).isNull();
  }

  @Test
  void reloadsScriptsWhenRedisForgetsThem() {
    client.enqueue(JobRequest.of("a").queue(Q));
    client.enqueue(JobRequest.of("b").queue(Q));
    redis().scriptFlush();
    List<ClaimedJob> claimed = broker.claim(List.of(Q), 2, LEASE);
    assertThat(claimed).hasSize(2);
    redis().scriptFlush();
    List<Settlement> done = claimed.stream().<Settlement>map(c -> new Settlement.Complete(c.lease())).toList();
    assertThat(broker.settle(done)).containsExactly(SettleResult.OK, SettleResult.OK);
  }

  @Test
  void findsAJobInWhicheverQueueHoldsIt() {
    client.enqueue(JobRequest.of("x").queue("storage-a"));
    String id = client.enqueue(JobRequest.of("y").queue("storage-b")).id();
    assertThat(broker.queues()).containsExactlyInAnyOrder("storage-a", "storage-b");
    assertThat(broker.find(id)).map(JobInfo::queue).contains("storage-b");
  }

  @Test
  void bulkEnqueueOfManyJobsIsOneBatch() {
    List<JobRequest> reqs = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      reqs.add(JobRequest.of("bulk").queue(Q));
    }
    assertThat(client.enqueueAll(reqs)).hasSize(5_000).allMatch(r -> r.state() == JobState.PENDING);
    assertThat(broker.counts(Q).pending()).isEqualTo(5_000);
    assertThat(broker.claim(List.of(Q), 10_000, LEASE)).hasSize(5_000);
  }

  @Test
  void duplicatesAnywhereInALargeMixedBatchAreReportedAtTheirPlace() {
    client.enqueue(JobRequest.of("t").queue(Q).id("taken-1"));
    client.enqueue(JobRequest.of("t").queue("storage-other").id("taken-2"));
    List<JobRequest> reqs = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      reqs.add(JobRequest.of("t").queue(i % 2 == 0 ? Q : "storage-other"));
    }
    reqs.set(3, JobRequest.of("t").queue("storage-other").id("taken-2"));
    reqs.set(700, JobRequest.of("t").queue(Q).id("taken-1"));
    reqs.set(1_101, JobRequest.of("t").queue(Q).id("fresh").delay(Duration.ofMinutes(5)));
    reqs.set(1_103, JobRequest.of("t").queue(Q).id("fresh")); // a duplicate of one earlier in the same batch
    List<EnqueueResult> results = client.enqueueAll(reqs);
    assertThat(results).hasSize(1_200);
    for (int i = 0; i < results.size(); i++) {
      EnqueueResult r = results.get(i);
      switch (i) {
        case 3 -> assertThat(r).isEqualTo(new EnqueueResult("taken-2", "storage-other", JobState.PENDING, true));
        case 700 -> assertThat(r).isEqualTo(new EnqueueResult("taken-1", Q, JobState.PENDING, true));
        case 1_101 -> assertThat(r).isEqualTo(new EnqueueResult("fresh", Q, JobState.SCHEDULED, false));
        case 1_103 -> assertThat(r).isEqualTo(new EnqueueResult("fresh", Q, JobState.SCHEDULED, true));
        default -> {
          assertThat(r.duplicate()).as("job %d", i).isFalse();
          assertThat(r.state()).isEqualTo(JobState.PENDING);
          assertThat(r.queue()).isEqualTo(reqs.get(i).queue());
        }
      }
    }
    assertThat(broker.counts(Q).pending()).isEqualTo(1 + 599); // taken-1, and 600 even places less the duplicate at 700
  }

  /** Readers of the event log (SSE clients, the dashboard, events tail) do not wait for each other. */
  @Test
  void aBlockedReaderDoesNotHoldUpAnotherReaderOrAQuickRead() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    try (RedisBroker broker = RedisBroker.connect(redis.uri(), "readers")) {
      String quietStart = broker.readEvents(List.of("quiet"), null, 10, Duration.ZERO).cursor();
      String busyStart = broker.readEvents(List.of("busy"), null, 10, Duration.ZERO).cursor();
      // One reader waits 20 s on a queue that stays silent.
      Future<EventBatch> quiet = pool.submit(() -> broker.readEvents(List.of("quiet"), quietStart, 10, Duration.ofSeconds(20)));
      Thread.sleep(300); // it is now blocked in Redis
      // Another waits on a queue that gets an event.
      Future<EventBatch> busy = pool.submit(() -> broker.readEvents(List.of("busy"), busyStart, 10, Duration.ofSeconds(20)));
      Thread.sleep(300);
      broker.appendEvents(List.of(JobEvent.of(JobEvent.Kind.ENQUEUED, "j1", "busy", "t", 0, Instant.now())));

      assertThat(busy.get(10, TimeUnit.SECONDS).events()).extracting(JobEvent::jobId).containsExactly("j1");
      assertThat(broker.readEvents(List.of("busy"), busyStart, 10, Duration.ZERO).events())
          .as("a read that does not block is answered at once").hasSize(1);
      assertThat(quiet.isDone()).as("the silent reader is still waiting").isFalse();
      quiet.cancel(true);
    } finally {
      pool.shutdownNow();
    }
  }

  private long calls(String command) {
    for (String line : redis().info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        return Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1")); // not failed_calls=
      }
    }
    return 0;
  }

  private JobRequest job() {
    return JobRequest.of("t", "{}".getBytes(StandardCharsets.UTF_8)).queue(Q);
  }

  @Test
  void singleEnqueuesToAQueueJustIndexedDoNotRepeatTheIndexCommand() {
    client.enqueue(job());
    long before = calls("sadd");
    for (int i = 0; i < 50; i++) {
      client.enqueue(job());
    }
    assertThat(calls("sadd") - before).as("SADDs for 50 more jobs (one re-index if a second passed)").isLessThanOrEqualTo(1);
    assertThat(broker.queues()).containsExactly(Q);
  }

  @Test
  void aClaimPopsPastIdsWhoseJobIsGoneSoAShortClaimMeansAnEmptyQueue() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(client.enqueue(job()).id());
    }
    redis().hdel(keys.jobs(Q), ids.get(0), ids.get(1)); // gone from under the pending list
    List<ClaimedJob> claimed = broker.claim(List.of(Q), 2, LEASE);
    assertThat(claimed).extracting(c -> c.lease().jobId()).containsExactly(ids.get(2), ids.get(3));
    assertThat(redis().llen(keys.pending(Q))).isZero();
    assertThat(broker.claim(List.of(Q), 2, LEASE)).isEmpty();
  }

  @Test
  void aLongRunOfIdsWhoseJobIsGoneStillYieldsTheJobsBehindIt() {
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 1_203; i++) {
      requests.add(job());
    }
    List<String> ids = client.enqueueAll(requests).stream().map(EnqueueResult::id).toList();
    redis().hdel(keys.jobs(Q), ids.subList(0, 1_200).toArray(String[]::new));
    List<ClaimedJob> claimed = broker.claim(List.of(Q), 2, LEASE);
    assertThat(claimed).extracting(c -> c.lease().jobId()).containsExactly(ids.get(1_200), ids.get(1_201));
  }

  @Test
  void anEnqueueWritesItsEventLogLineInTheSameScriptCall() {
    client.enqueue(job()); // the event log is on by default
    long scripts = calls("evalsha");
    long lines = redis().xlen(keys.events(Q));
    client.enqueue(job());
    assertThat(calls("evalsha") - scripts).as("script calls for one enqueue with its event-log line").isEqualTo(1);
    assertThat(redis().xlen(keys.events(Q)) - lines).isEqualTo(1);
  }

  @Test
  void aQueueIndexThatCannotBeWrittenDoesNotFailAnEnqueueWhoseJobsAreStored() {
    redis().set(keys.queues(), "not a set".getBytes(StandardCharsets.UTF_8)); // SADD answers WRONGTYPE
    EnqueueResult one = client.enqueue(job().id("single"));
    List<EnqueueResult> many = client.enqueueAll(List.of(job().id("bulk-1"), job().id("bulk-2")));
    assertThat(one.duplicate()).isFalse();
    assertThat(many).extracting(EnqueueResult::duplicate).containsExactly(false, false);
    assertThat(broker.claim(List.of(Q), 3, LEASE)).extracting(c -> c.lease().jobId())
        .containsExactly("single", "bulk-1", "bulk-2");
  }

  @Test
  void anEventLogThatCannotBeWrittenCostsNoJob() {
    redis().set(keys.events(Q), "not a stream".getBytes(StandardCharsets.UTF_8)); // XADD answers WRONGTYPE
    EnqueueResult r = client.enqueue(job().id("kept"));
    assertThat(r.duplicate()).isFalse();
    assertThat(broker.claim(List.of(Q), 1, LEASE)).extracting(c -> c.lease().jobId()).containsExactly("kept");
  }

  @Test
  void aQueueLostFromTheIndexIsIndexedAgainOnceAMomentHasPassed() {
    client.enqueue(job());
    redis().del(keys.queues()); // as after FLUSHALL, without a reconnect
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      client.enqueue(job());
      assertThat(broker.queues()).containsExactly(Q);
    });
  }

  @Test
  void aQueueLostFromTheIndexIsIndexedAgainByTheFirstEnqueueAfterAReconnect() {
    client.enqueue(job());
    redis().del(keys.queues()); // Redis came back empty ...
    long mine = redis().clientId();
    for (String line : redis().clientList().split("\r?\n")) {
      long id = Long.parseLong(line.replaceAll("^id=(\\d+) .*", "$1"));
      if (id != mine) {
        redis().clientKill(io.lettuce.core.KillArgs.Builder.id(id)); // ... and the broker reconnected
      }
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
      try {
        client.enqueue(job());
        return true;
      } catch (RuntimeException e) {
        return false; // still reconnecting
      }
    });
    assertThat(broker.queues()).as("indexed by the first enqueue after the reconnect").containsExactly(Q);
  }

  @Test
  void refusesAKeyPrefixWithHashTagBraces() {
    assertThatThrownBy(() -> RedisBroker.connect(redis.uri(), "bad{prefix}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key prefix");
  }
}
