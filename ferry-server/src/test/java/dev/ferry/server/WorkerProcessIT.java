package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers as real child JVMs: killed with SIGKILL mid-job (the job must survive) and stopped with
 * SIGTERM (graceful shutdown).
 */
class WorkerProcessIT {
  private RedisProcess redis;
  private RedisBroker broker;
  private JobClient client;
  private final List<Process> workers = new ArrayList<>();
  private Path logs;

  @BeforeEach
  void setUp() throws Exception {
    redis = RedisProcess.start();
    broker = RedisBroker.connect(redis.uri());
    client = JobClient.create(broker);
    logs = Files.createTempDirectory("ferry-worker-logs");
  }

  @AfterEach
  void tearDown() {
    workers.forEach(Process::destroyForcibly);
    broker.close();
    redis.close();
  }

  private Process worker(String name, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("worker", "--redis", redis.uri(), "--queue", "procs", "--concurrency", "1"));
    args.addAll(List.of(extra));
    Process p = Launcher.start(logs.resolve(name + ".log"), args.toArray(String[]::new));
    workers.add(p);
    return p;
  }

  private String log(String name) throws Exception {
    return Files.readString(logs.resolve(name + ".log"));
  }

  private JobInfo job(String id) {
    return client.inspect("procs", id).orElseThrow();
  }

  @Test
  void jobOfAWorkerKilledWithSigkillIsCompletedByAnotherWithinTheLeaseTimeout() throws Exception {
    Duration lease = Duration.ofSeconds(3);
    Process first = worker("first", "--lease-timeout", "3s");
    String id = client.enqueue(JobRequest.ofJson("demo.sleep", Map.of("ms", 2500)).queue("procs")).id();
    await().atMost(Duration.ofSeconds(30)).until(() -> job(id).state() == JobState.ACTIVE);

    first.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long killedAt = System.nanoTime();
    assertThat(job(id).state()).as("the lease still holds the job").isEqualTo(JobState.ACTIVE);

    worker("second", "--lease-timeout", "3s");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> job(id).attempt() == 2);
    Duration recovery = Duration.ofNanos(System.nanoTime() - killedAt);
    // Lease timeout, plus one reap interval (1 s), plus a margin for a JVM start on a busy machine.
    assertThat(recovery).isLessThan(lease.plusSeconds(1).plusSeconds(4));

    await().atMost(Duration.ofSeconds(30)).until(() -> job(id).state() == JobState.COMPLETED);
    JobInfo done = job(id);
    assertThat(done.attempt()).isEqualTo(2);
    assertThat(done.lastError()).contains("lease expired");
  }

  @Test
  void aJobLeasedToAnIdleWorkerThatIsKilledBeforeItHearsOfItIsRunByAnotherAfterTheLease() throws Exception {
    // An idle worker of one queue waits in Redis (BLMOVE) with its claim queued behind the wait,
    // so Redis itself leases the next job to it. Freeze the worker, push a job, kill the worker:
    // the job was leased to a process that never saw it. With a pop-then-claim queue (BRPOP)
    // it would be gone; here the lease runs out and another worker runs it.
    Process frozen = worker("frozen", "--lease-timeout", "3s");
    await().atMost(Duration.ofSeconds(30)).until(() -> redisClients().contains(" cmd=blmove "));
    signal(frozen, "STOP");

    String id = client.enqueue(JobRequest.ofJson("demo.echo", Map.of()).queue("procs")).id();
    await().atMost(Duration.ofSeconds(10)).until(() -> job(id).state() == JobState.ACTIVE);
    frozen.destroyForcibly(); // SIGKILL (delivered to a stopped process too)
    assertThat(frozen.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(job(id).attempt()).as("leased by Redis to the frozen worker").isEqualTo(1);

    worker("next", "--lease-timeout", "3s");
    await().atMost(Duration.ofSeconds(30)).until(() -> job(id).state() == JobState.COMPLETED);
    JobInfo done = job(id);
    assertThat(done.attempt()).as("its first lease expired, the next worker ran it").isEqualTo(2);
    assertThat(done.lastError()).contains("lease expired");
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private String redisClients() {
    try (io.lettuce.core.RedisClient c = io.lettuce.core.RedisClient.create(redis.uri());
        io.lettuce.core.api.StatefulRedisConnection<String, String> conn = c.connect()) {
      return conn.sync().clientList();
    }
  }

  @Test
  void sigtermLetsRunningJobsFinishAndClaimsNothingNew() throws Exception {
    Process w = worker("graceful", "--shutdown-timeout", "20s");
    String running = client.enqueue(JobRequest.ofJson("demo.sleep", Map.of("ms", 1500)).queue("procs")).id();
    await().atMost(Duration.ofSeconds(30)).until(() -> job(running).state() == JobState.ACTIVE);
    String waiting = client.enqueue(JobRequest.ofJson("demo.echo", Map.of()).queue("procs")).id();

    w.destroy(); // SIGTERM
    assertThat(w.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(job(running).state()).isEqualTo(JobState.COMPLETED);
    assertThat(job(waiting).state()).as("nothing new claimed after SIGTERM").isEqualTo(JobState.PENDING);
    assertThat(log("graceful")).contains("worker stopped");
  }

  @Test
  void sigtermPastTheGracePeriodHandsTheJobBackAtOnce() throws Exception {
    Process w = worker("impatient", "--shutdown-timeout", "300ms", "--lease-timeout", "60s");
    String id = client.enqueue(JobRequest.ofJson("demo.sleep", Map.of("ms", 60_000)).queue("procs")).id();
    await().atMost(Duration.ofSeconds(30)).until(() -> job(id).state() == JobState.ACTIVE);

    w.destroy();
    assertThat(w.waitFor(20, TimeUnit.SECONDS)).isTrue();
    JobInfo back = job(id);
    assertThat(back.state()).as("handed back without waiting for the 60 s lease").isEqualTo(JobState.PENDING);
    assertThat(back.attempt()).isZero();
  }
}
