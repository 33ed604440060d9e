package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.Worker;
import dev.ferry.internal.Json;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator commands (queues, jobs, dead, queue, events) through the real {@code bin/ferry}
 * launcher against a private Redis; a {@code bin/ferry worker} child process where a worker must
 * really run. Each test uses queues of its own.
 */
class CliOpsIT {
  static RedisProcess redis;
  static RedisBroker broker;
  static JobClient client;
  private final List<Process> children = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
    broker = RedisBroker.connect(redis.uri());
    client = JobClient.create(broker);
  }

  @AfterAll
  static void stopRedis() {
    broker.close();
    redis.close();
  }

  @AfterEach
  void stopChildren() {
    children.forEach(Process::destroyForcibly);
  }

  private static Launcher.Run ferry(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--redis");
    all.add(redis.uri());
    return Launcher.run(all.toArray(String[]::new));
  }

  private static Launcher.Run ok(String... args) throws Exception {
    Launcher.Run run = ferry(args);
    assertThat(run.exit()).as("exit of ferry %s; stderr: %s", String.join(" ", args), run.err()).isZero();
    return run;
  }

  private static JsonNode json(String... args) throws Exception {
    return Json.MAPPER.readTree(ok(args).out());
  }

  private static void assertOneLineError(Launcher.Run run, int exit, String what) {
    assertThat(run.exit()).as("exit of %s; stderr: %s", what, run.err()).isEqualTo(exit);
    assertThat(run.err()).as("error of %s", what).startsWith("ferry: ");
    assertThat(run.err().strip().lines().count()).as("one-line error for %s: %s", what, run.err()).isEqualTo(1);
  }

  private static String enqueue(String queue, String type) {
    return client.enqueue(JobRequest.ofJson(type, Map.of("n", 1)).queue(queue)).id();
  }

  /** Makes {@code n} dead jobs: an in-process worker has no handler for their type. */
  private static void makeDead(String queue, int n) {
    List<JobRequest> jobs = IntStream.range(0, n)
        .mapToObj(i -> JobRequest.ofJson("no.handler", Map.of("i", i)).queue(queue).maxRetries(0))
        .collect(Collectors.toList());
    JobClient.builder(broker).eventLog(false).build().enqueueAll(jobs);
    Worker w = Worker.builder(broker).queue(queue).concurrency(50).handle("other", job -> JobOutcome.success()).build();
    w.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> broker.counts(queue).dead() == n);
    } finally {
      w.close();
    }
  }

  @Test
  void queuesAndJobsListPrintAlignedTablesAndJson() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(enqueue("ops-list", "report.build"));
    }
    client.enqueue(JobRequest.of("later").queue("ops-list").delay(Duration.ofHours(1)));

    String table = ok("queues").out();
    assertThat(table.lines().findFirst().orElseThrow())
        .matches("QUEUE\\s+STATUS\\s+PENDING\\s+SCHEDULED\\s+ACTIVE\\s+RETRY\\s+DEAD\\s+COMPLETED\\s+CANCELLED");
    assertThat(table).containsPattern("(?m)^ops-list\\s+running\\s+5\\s+1\\s+0\\s+0\\s+0\\s+0\\s+0$");
    JsonNode queues = json("queues", "--json").get("queues");
    JsonNode q = null;
    for (JsonNode n : queues) {
      if (n.get("name").asText().equals("ops-list")) {
        q = n;
      }
    }
    assertThat(q).isNotNull();
    assertThat(q.get("paused").asBoolean()).isFalse();
    assertThat(q.get("pending").asLong()).isEqualTo(5);
    assertThat(q.get("scheduled").asLong()).isEqualTo(1);

    // Pages of two in claim order, following the printed cursor.
    JsonNode first = json("jobs", "list", "--queue", "ops-list", "--state", "pending", "--limit", "2", "--json");
    assertThat(first.get("jobs")).hasSize(2);
    assertThat(first.get("jobs").get(0).get("id").asText()).isEqualTo(ids.get(0));
    assertThat(first.get("jobs").get(0).get("state").asText()).isEqualTo("pending");
    String cursor = first.get("nextCursor").asText();
    JsonNode second = json("jobs", "list", "--queue", "ops-list", "--state", "pending", "--limit", "2", "--cursor", cursor, "--json");
    assertThat(second.get("jobs").get(0).get("id").asText()).isEqualTo(ids.get(2));
    JsonNode last = json("jobs", "list", "--queue", "ops-list", "--state", "PENDING", "--limit", "2",
        "--cursor", second.get("nextCursor").asText(), "--json");
    assertThat(last.get("jobs")).hasSize(1);
    assertThat(last.get("nextCursor").isNull()).isTrue();

    String page = ok("jobs", "list", "--queue", "ops-list", "--state", "pending", "--limit", "2").out();
    List<String> lines = page.lines().collect(Collectors.toList());
    assertThat(lines.get(0)).matches("ID\\s+TYPE\\s+STATE\\s+ATTEMPT\\s+RUN AT\\s+UPDATED\\s+LAST ERROR");
    assertThat(lines.get(1)).startsWith(ids.get(0) + "  ").contains("report.build").contains("pending").contains("0/26");
    assertThat(lines.get(1).indexOf("report.build")).as("aligned").isEqualTo(lines.get(2).indexOf("report.build"));
    assertThat(lines.get(3)).isEqualTo("(2 jobs) next page: --cursor " + cursor);
  }

  @Test
  void jobsShowRetryAndDeleteActOnOneJob() throws Exception {
    String id = client.enqueue(JobRequest.ofJson("report.build", Map.of("m", 11)).queue("ops-one").delay(Duration.ofHours(1))).id();

    JsonNode shown = json("jobs", "show", id, "--json");
    assertThat(shown).isEqualTo(json("inspect", id, "--json")); // inspect stays an alias
    assertThat(shown.get("state").asText()).isEqualTo("scheduled");
    assertThat(shown.get("payload").get("m").asInt()).isEqualTo(11);
    assertThat(ok("jobs", "show", id, "--queue", "ops-one").out()).contains("state       scheduled");

    assertThat(ok("jobs", "retry", id).out()).contains("retrying " + id);
    assertThat(client.inspect(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
    Launcher.Run again = ferry("jobs", "retry", id);
    assertOneLineError(again, 1, "retry of a pending job");
    assertThat(again.err()).contains("is pending").contains("only scheduled, retry and dead jobs");

    Launcher.Run unconfirmed = ferry("jobs", "delete", id);
    assertOneLineError(unconfirmed, 2, "delete without --yes");
    assertThat(unconfirmed.err()).contains("--yes");
    assertThat(client.inspect(id)).as("not deleted").isPresent();
    assertThat(ok("jobs", "delete", id, "--yes").out()).isEqualTo("deleted " + id + "\n");
    assertThat(client.inspect(id)).isEmpty();

    for (String[] args : new String[][] {{"jobs", "show", id}, {"jobs", "retry", id}, {"jobs", "delete", id, "--yes"}}) {
      Launcher.Run gone = ferry(args);
      assertOneLineError(gone, 1, String.join(" ", args));
      assertThat(gone.err()).isEqualTo("ferry: no job with id " + id + "\n");
    }
  }

  @Test
  void pauseStopsARunningWorkerFromClaimingAndResumeRestartsIt() throws Exception {
    Path log = Files.createTempFile("ferry-ops-worker", ".log");
    children.add(Launcher.start(log, "worker", "--redis", redis.uri(), "--queue", "ops-pause", "--concurrency", "2"));
    String warmup = enqueue("ops-pause", "demo.echo");
    await().atMost(Duration.ofSeconds(60)).until(() -> client.inspect(warmup).orElseThrow().state() == JobState.COMPLETED);

    assertThat(ok("queue", "pause", "ops-pause").out()).isEqualTo("paused queue ops-pause\n");
    assertThat(ok("queues").out()).containsPattern("(?m)^ops-pause\\s+paused\\s");
    String held = enqueue("ops-pause", "demo.echo");
    // The running worker claimed the warm-up in milliseconds; paused, it must leave this one be.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> client.inspect(held).orElseThrow().state() == JobState.PENDING);

    assertThat(ok("queue", "resume", "ops-pause").out()).isEqualTo("resumed queue ops-pause\n");
    await().atMost(Duration.ofSeconds(30)).until(() -> client.inspect(held).orElseThrow().state() == JobState.COMPLETED);
    assertThat(json("queues", "--json").toString()).contains("{\"name\":\"ops-pause\",\"paused\":false");

    // The event log tells the job's life in order.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<String> kinds = new ArrayList<>();
      for (String line : ok("events", "tail", "--queue", "ops-pause", "--json").out().lines().collect(Collectors.toList())) {
        JsonNode e = Json.MAPPER.readTree(line);
        if (e.get("jobId").asText().equals(held)) {
          kinds.add(e.get("kind").asText());
          assertThat(e.get("queue").asText()).isEqualTo("ops-pause");
          assertThat(e.get("type").asText()).isEqualTo("demo.echo");
        }
      }
      assertThat(kinds).containsExactly("enqueued", "started", "completed");
    });
    String table = ok("events", "tail", "--queue", "ops-pause", "--limit", "3").out();
    assertThat(table.lines().findFirst().orElseThrow()).startsWith("TIME (UTC)").contains("EVENT").contains("JOB");
    assertThat(table.lines().count()).isEqualTo(4);
    assertThat(table).containsPattern("completed\\s+ops-pause\\s+" + held + "\\s+demo.echo\\s+1\\s+took \\d+ms");
  }

  @Test
  void eventsTailFollowPrintsNewEventsUntilStopped() throws Exception {
    Path log = Files.createTempFile("ferry-ops-follow", ".log");
    Process tail = Launcher.start(log, "events", "tail", "--queue", "ops-follow", "--follow", "--json", "--redis", redis.uri());
    children.add(tail);
    String id = ok("enqueue", "--type", "demo.echo", "--queue", "ops-follow", "--json").out();
    String jobId = Json.MAPPER.readTree(id).get("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("\"jobId\":\"" + jobId + "\""));
    assertThat(tail.isAlive()).as("still following").isTrue();
    JsonNode e = Json.MAPPER.readTree(Files.readString(log).lines().filter(l -> l.contains(jobId)).findFirst().orElseThrow());
    assertThat(e.get("kind").asText()).isEqualTo("enqueued");
    assertThat(e.get("attempt").asInt()).isZero();
    // The first job printed means the recent events are behind it: this one comes by following.
    String later = enqueue("ops-follow", "demo.echo");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("\"jobId\":\"" + later + "\""));
    tail.destroy();
    assertThat(tail.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void deadRequeueOneThenAllInBatchesWithProgress() throws Exception {
    makeDead("ops-dead", 2501);
    JsonNode page = json("dead", "list", "--queue", "ops-dead", "--limit", "1", "--json");
    String one = page.get("jobs").get(0).get("id").asText();
    assertThat(page.get("jobs").get(0).get("lastError").asText()).contains("no.handler");
    assertThat(ok("dead", "list", "--queue", "ops-dead", "--limit", "3").out())
        .containsPattern("(?m)^ID\\s+TYPE\\s+STATE").contains("no.handler").contains("next page: --cursor 3");

    assertThat(ok("dead", "requeue", one, "--queue", "ops-dead").out()).isEqualTo("requeued " + one + "\n");
    assertThat(client.inspect("ops-dead", one).orElseThrow().state()).isEqualTo(JobState.PENDING);
    Launcher.Run notDead = ferry("dead", "requeue", one, "--queue", "ops-dead");
    assertOneLineError(notDead, 1, "requeue of a pending job");

    Launcher.Run refused = ferry("dead", "requeue", "--all", "--queue", "ops-dead");
    assertOneLineError(refused, 2, "requeue --all without --yes");
    assertThat(broker.counts("ops-dead").dead()).as("nothing changed").isEqualTo(2500);

    String out = ok("dead", "requeue", "--all", "--yes", "--queue", "ops-dead").out();
    assertThat(out).isEqualTo("requeued 1000/2500\nrequeued 2000/2500\nrequeued 2500/2500\n"
        + "requeued 2500 dead jobs of queue ops-dead\n");
    assertThat(broker.counts("ops-dead").dead()).isZero();
    assertThat(broker.counts("ops-dead").pending()).isEqualTo(2501);
    assertThat(json("dead", "list", "--queue", "ops-dead", "--json").get("jobs")).isEmpty();
  }

  @Test
  void purgeAsksForYesAndDeletesInBatches() throws Exception {
    makeDead("ops-purge", 1200);
    Launcher.Run refused = ferry("dead", "purge", "--queue", "ops-purge");
    assertOneLineError(refused, 2, "purge without --yes");
    assertThat(refused.err()).contains("no terminal").contains("--yes");
    assertThat(broker.counts("ops-purge").dead()).as("nothing deleted").isEqualTo(1200);

    assertThat(ok("dead", "purge", "--queue", "ops-purge", "--yes").out())
        .isEqualTo("purged 1000/1200\npurged 1200/1200\npurged 1200 dead jobs of queue ops-purge\n");
    assertThat(broker.counts("ops-purge").dead()).isZero();
    JobInfo none = client.list("ops-purge", JobState.DEAD, null, 10).jobs().stream().findFirst().orElse(null);
    assertThat(none).isNull();
  }

  @Test
  void badInputOnEveryCommandExitsWithTwoAndChangesNothing() throws Exception {
    makeDead("ops-bad", 2);
    String pending = enqueue("ops-bad", "demo.echo"); // after makeDead, whose worker would bury it
    String before = json("queues", "--json").toString();
    String[][] bad = {
      {"queues", "--limit", "3"},
      {"jobs"},
      {"jobs", "list", "--queue", "ops-bad"},
      {"jobs", "list", "--queue", "ops-bad", "--state", "sleeping"},
      {"jobs", "list", "--queue", "bad queue!", "--state", "pending"},
      {"jobs", "list", "--queue", "ops-bad", "--state", "pending", "--limit", "0"},
      {"jobs", "list", "--queue", "ops-bad", "--state", "pending", "--limit", "5000"},
      {"jobs", "list", "--queue", "ops-bad", "--state", "pending", "--limit", "ten"},
      {"jobs", "list", "--queue", "ops-bad", "--state", "pending", "--cursor", "abc"},
      {"jobs", "show", "bad id!"},
      {"jobs", "retry", "bad id!"},
      {"jobs", "retry", pending, "--queue", "bad queue!"},
      {"jobs", "delete", pending},
      {"jobs", "delete", "bad id!", "--yes"},
      {"dead", "list", "--queue", "ops-bad", "--cursor", "-4"},
      {"dead", "list", "--queue", "ops-bad", "--limit", "-1"},
      {"dead", "requeue", "--queue", "ops-bad"},
      {"dead", "requeue", "x", "--all", "--yes", "--queue", "ops-bad"},
      {"dead", "requeue", "--all", "--queue", "ops-bad"},
      {"dead", "requeue", "--all", "--yes", "--queue", "bad queue!"},
      {"dead", "purge", "--queue", "ops-bad"},
      {"dead", "purge", "--yes", "--queue", ""},
      {"queue", "pause"},
      {"queue", "pause", "bad queue!"},
      {"queue", "stop", "ops-bad"},
      {"events", "tail", "--queue", "bad queue!"},
      {"events", "tail", "--limit", "0"},
    };
    for (String[] args : bad) {
      assertOneLineError(ferry(args), 2, String.join(" ", args));
    }
    assertThat(json("queues", "--json").toString()).as("nothing changed").isEqualTo(before);

    Launcher.Run unknownQueue = ferry("queue", "pause", "ops-never-used");
    assertOneLineError(unknownQueue, 1, "pause of an unknown queue");
    assertThat(unknownQueue.err()).contains("no queue ops-never-used");
    assertThat(broker.isPaused("ops-never-used")).isFalse();
  }

  @Test
  void unreachableRedisIsAFailureNamingTheAddress() throws Exception {
    String[][] commands = {
      {"queues"}, {"jobs", "list", "--queue", "q", "--state", "dead"}, {"jobs", "show", "x"},
      {"dead", "purge", "--queue", "q", "--yes"}, {"queue", "pause", "q"}, {"events", "tail"},
    };
    for (String[] args : commands) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--redis", "redis://127.0.0.1:1"));
      Launcher.Run run = Launcher.run(all.toArray(String[]::new));
      assertOneLineError(run, 1, String.join(" ", args));
      assertThat(run.err()).contains("127.0.0.1:1");
    }
  }
}
