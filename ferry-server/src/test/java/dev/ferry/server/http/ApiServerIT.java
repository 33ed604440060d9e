package dev.ferry.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.QueueCounts;
import dev.ferry.Worker;
import dev.ferry.internal.Json;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every API route against a real Redis through the real server. */
class ApiServerIT {
  private RedisProcess redis;
  private RedisBroker broker;
  private JobClient client;
  private ApiServer server;
  private Http http;
  private final List<Worker> workers = new ArrayList<>();
  private final List<RedisBroker> extraBrokers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    redis = RedisProcess.start();
    broker = RedisBroker.connect(redis.uri());
    client = JobClient.create(broker);
    server = ApiServer.start(broker, new ApiServer.Options("127.0.0.1", 0, null, () -> "ferry_test_metric 1.0\n"));
    http = new Http(server.port(), null);
  }

  @AfterEach
  void tearDown() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(2)));
    server.close();
    extraBrokers.forEach(RedisBroker::close);
    broker.close();
    redis.close();
  }

  private Worker worker(String queue, AtomicInteger ran) {
    RedisBroker own = RedisBroker.connect(redis.uri());
    extraBrokers.add(own);
    Worker w = Worker.builder(own).queue(queue).handle("work", job -> {
      ran.incrementAndGet();
      return JobOutcome.success();
    }).handle("boom", job -> {
      throw new IllegalStateException("boom");
    }).build();
    workers.add(w);
    w.start();
    return w;
  }

  private static void assertProblem(Http.Reply r, int status, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("detail").asText()).contains(detail);
  }

  @Test
  void enqueueShowListAndDelete() throws Exception {
    Http.Reply created = http.post("/api/queues/mail/jobs",
        "{\"type\":\"email.send\",\"payload\":{\"to\":\"a@b.c\"},\"maxRetries\":3,\"timeout\":\"30s\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("state").asText()).isEqualTo("pending");

    JsonNode job = http.get("/api/jobs/" + id).json();
    assertThat(job.get("type").asText()).isEqualTo("email.send");
    assertThat(job.get("queue").asText()).isEqualTo("mail");
    assertThat(job.get("maxRetries").asInt()).isEqualTo(3);
    assertThat(job.get("timeoutMs").asLong()).isEqualTo(30_000);
    assertThat(job.get("payload").get("to").asText()).isEqualTo("a@b.c");

    Http.Reply delayed = http.post("/api/queues/mail/jobs", "{\"type\":\"later\",\"delay\":\"1h\"}");
    assertThat(delayed.json().get("state").asText()).isEqualTo("scheduled");
    Http.Reply bytes = http.post("/api/queues/mail/jobs", "{\"type\":\"raw\",\"payloadBase64\":\"AAEC\"}");
    assertThat(bytes.status()).isEqualTo(201);

    JsonNode page = http.get("/api/queues/mail/jobs?state=pending&limit=1").json();
    assertThat(page.get("jobs")).hasSize(1);
    String cursor = page.get("nextCursor").asText();
    JsonNode next = http.get("/api/queues/mail/jobs?state=pending&limit=1&cursor=" + cursor).json();
    assertThat(next.get("jobs")).hasSize(1);
    assertThat(next.get("jobs").get(0).get("id").asText()).isNotEqualTo(page.get("jobs").get(0).get("id").asText());
    assertThat(http.get("/api/queues/mail/jobs?state=scheduled").json().get("jobs")).hasSize(1);

    JsonNode queues = http.get("/api/queues").json().get("queues");
    assertThat(queues).hasSize(1);
    assertThat(queues.get(0).get("name").asText()).isEqualTo("mail");
    assertThat(queues.get(0).get("pending").asInt()).isEqualTo(2);
    assertThat(queues.get(0).get("scheduled").asInt()).isEqualTo(1);
    assertThat(queues.get(0).get("paused").asBoolean()).isFalse();
    assertThat(http.get("/api/stats").json().at("/queues/mail/pending").asInt()).isEqualTo(2);

    assertThat(http.delete("/api/jobs/" + id).status()).isEqualTo(204);
    assertProblem(http.get("/api/jobs/" + id), 404, "no job " + id);
    assertProblem(http.delete("/api/jobs/" + id), 404, "no job " + id);
  }

  @Test
  void anIdempotencyKeyReturnsTheFirstJobAndUniquenessRefusesADuplicate() throws Exception {
    Http.Reply first = http.send("POST", "/api/queues/q/jobs", "{\"type\":\"charge\"}", "order-42");
    Http.Reply again = http.send("POST", "/api/queues/q/jobs", "{\"type\":\"charge\"}", "order-42");
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    assertThat(broker.counts("q").pending()).isEqualTo(1);

    String body = "{\"type\":\"sync\",\"uniqueFor\":\"10m\"}";
    String holder = http.post("/api/queues/q/jobs", body).json().get("id").asText();
    assertProblem(http.post("/api/queues/q/jobs", body), 409, holder);
    assertProblem(http.send("POST", "/api/queues/q/jobs", body, "k"), 400, "not both");
    assertThat(broker.counts("q").pending()).isEqualTo(2);
  }

  @Test
  void badInputIsA4xxProblemAndChangesNothing() throws Exception {
    client.enqueue(JobRequest.of("keep").queue("q"));
    QueueCounts before = broker.counts("q");
    assertProblem(http.post("/api/queues/q/jobs", "{not json"), 400, "not valid JSON");
    assertProblem(http.post("/api/queues/q/jobs", "[1,2]"), 400, "must be a JSON object");
    assertProblem(http.post("/api/queues/q/jobs", ""), 400, "needs a JSON object body");
    assertProblem(http.post("/api/queues/q/jobs", "{\"payload\":1}"), 400, "'type' is required");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"\"}"), 400, "type");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"tyep\":1}"), 400, "unknown field 'tyep'");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"delay\":\"soon\"}"), 400, "not a duration");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"delay\":-5}"), 400, "delay");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"runAt\":\"tomorrow\"}"), 400, "ISO-8601");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"maxRetries\":\"many\"}"), 400, "whole number");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"payloadBase64\":\"@@\"}"), 400, "base64");
    assertProblem(http.post("/api/queues/bad%20queue/jobs", "{\"type\":\"t\"}"), 400, "queue");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"payload\":\"" + "x".repeat(1_100_000) + "\"}"), 400,
        "payload");
    assertProblem(http.post("/api/queues/q/jobs", "{\"type\":\"t\",\"payload\":\"" + "x".repeat(5_000_000) + "\"}"), 413,
        "over");
    assertProblem(http.get("/api/queues/q/jobs?state=lost"), 400, "lost");
    assertProblem(http.get("/api/queues/q/jobs?limit=0"), 400, "between 1 and 1000");
    assertProblem(http.get("/api/queues/q/jobs?limit=ten"), 400, "whole number");
    assertProblem(http.get("/api/queues/q/jobs?cursor=not-a-cursor"), 400, "cursor");
    assertProblem(http.get("/api/jobs/no-such-job"), 404, "no job no-such-job");
    assertProblem(http.get("/api/jobs/bad%20id"), 400, "id");
    assertProblem(http.post("/api/jobs/no-such-job/retry", null), 404, "no job");
    assertProblem(http.post("/api/queues/bad%20q/pause", null), 400, "queue");
    assertProblem(http.post("/api/queues/bad%20q/resume", null), 400, "queue");
    assertProblem(http.post("/api/queues/bad%20q/dead/requeue", null), 400, "queue");
    assertProblem(http.delete("/api/queues/bad%20q/dead"), 400, "queue");
    assertProblem(http.get("/api/queues/bad%20q/jobs"), 400, "queue");
    assertProblem(http.delete("/api/jobs/bad%20id"), 400, "id");
    assertProblem(http.post("/api/jobs/bad%20id/retry", null), 400, "id");
    HttpResponse<String> badStream = http.client().send(HttpRequest.newBuilder(
            URI.create(http.base() + "/api/events?queue=bad%20q")).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofString());
    assertProblem(new Http.Reply(badStream.statusCode(), badStream.headers().firstValue("Content-Type").orElse(""),
        badStream.body()), 400, "queue");
    assertProblem(http.get("/api/nothing-here"), 404, "/api/openapi.json");
    assertProblem(http.send("PUT", "/api/queues", null, null), 405, "/api/openapi.json");
    assertThat(broker.counts("q")).isEqualTo(before);
    assertThat(broker.queues()).containsExactly("q");
    assertThat(broker.isPaused("q")).isFalse();
  }

  @Test
  void retryRequeueAndPurgeTheDeadSet() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    worker("d", ran);
    List<String> dead = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      dead.add(client.enqueue(JobRequest.of("boom").queue("d").maxRetries(0)).id());
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> broker.counts("d").dead() == 3);
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(2)));
    workers.clear();

    JsonNode retried = http.post("/api/jobs/" + dead.get(0) + "/retry", null).json();
    assertThat(retried.get("state").asText()).isEqualTo("pending");
    assertProblem(http.post("/api/jobs/" + dead.get(0) + "/retry", null), 409, "is pending");

    assertThat(http.post("/api/queues/d/dead/requeue", null).json().get("requeued").asInt()).isEqualTo(2);
    assertThat(broker.counts("d").pending()).isEqualTo(3);

    client.enqueue(JobRequest.of("boom").queue("d").maxRetries(0));
    worker("d", ran);
    await().atMost(Duration.ofSeconds(15)).until(() -> broker.counts("d").dead() == 4);
    assertThat(http.delete("/api/queues/d/dead").json().get("purged").asInt()).isEqualTo(4);
    assertThat(broker.counts("d").dead()).isZero();
  }

  @Test
  void pauseStopsClaimingOnEveryWorkerAndResumeRestartsIt() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    assertThat(http.post("/api/queues/p/pause", null).json().get("paused").asBoolean()).isTrue();
    worker("p", ran);
    worker("p", ran);
    Http.Reply accepted = http.post("/api/queues/p/jobs", "{\"type\":\"work\"}");
    assertThat(accepted.status()).as("a paused queue still accepts jobs").isEqualTo(201);
    for (int i = 0; i < 4; i++) {
      http.post("/api/queues/p/jobs", "{\"type\":\"work\"}");
    }
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> ran.get() == 0);
    assertThat(http.get("/api/queues").json().get("queues").get(0).get("paused").asBoolean()).isTrue();
    assertThat(http.post("/api/queues/p/resume", null).json().get("paused").asBoolean()).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 5);
  }

  @Test
  void theWorkersRouteListsLiveWorkers() throws Exception {
    Worker w = worker("w", new AtomicInteger());
    await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/workers").json().get("workers").size() == 1);
    JsonNode seen = http.get("/api/workers").json().get("workers").get(0);
    assertThat(seen.get("id").asText()).isEqualTo(w.id());
    assertThat(seen.get("queues").get(0).asText()).isEqualTo("w");
    assertThat(seen.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void serverSentEventsDeliverALifecycleInOrder() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    List<String> lines = new CopyOnWriteArrayList<>();
    assertProblem(http.get("/api/events"), 406, "Accept: text/event-stream");
    HttpRequest req = HttpRequest.newBuilder(URI.create(http.base() + "/api/events?queue=sse"))
        .header("Accept", "text/event-stream").build();
    HttpResponse<InputStream> stream = http.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (Exception ignored) {
        // the stream is closed when the test ends
      }
    });
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains(": ferry events"));
    Thread.sleep(300); // the stream's first read starts at the log's end
    worker("sse", ran);
    String id = client.enqueue(JobRequest.of("work").queue("sse")).id();
    await().atMost(Duration.ofSeconds(15)).until(() -> lines.stream().filter(l -> l.startsWith("event:")).count() >= 3);
    List<String> kinds = lines.stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList();
    assertThat(kinds).containsSubsequence("enqueued", "started", "completed");
    String data = lines.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
    assertThat(Json.MAPPER.readTree(data.substring(5).trim()).get("jobId").asText()).isEqualTo(id);
    assertThat(lines).anyMatch(l -> l.startsWith("id:"));
    stream.body().close();
  }

  @Test
  void theOpenApiDocumentListsExactlyTheRoutesServed() throws Exception {
    JsonNode doc = http.get("/api/openapi.json").json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> p = paths.next();
      p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
    }
    Set<String> served = new HashSet<>();
    server.routes().forEach(r -> served.add(r.method() + " " + r.path()));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void metricsHealthAndReadiness() throws Exception {
    assertThat(http.get("/healthz").status()).isEqualTo(200);
    assertThat(http.get("/readyz").status()).isEqualTo(200);
    Http.Reply metrics = http.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("ferry_test_metric 1.0");
    redis.close();
    Http.Reply notReady = http.get("/readyz");
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(http.get("/healthz").status()).isEqualTo(200);
  }

  @Test
  void aTokenIsRequiredWhenConfiguredAndToLeaveLoopback() throws Exception {
    try (ApiServer guarded = ApiServer.start(broker, new ApiServer.Options("127.0.0.1", 0, "s3cret", () -> ""))) {
      Http anonymous = new Http(guarded.port(), null);
      Http wrong = new Http(guarded.port(), "guess");
      Http right = new Http(guarded.port(), "s3cret");
      assertProblem(anonymous.get("/api/queues"), 401, "Authorization: Bearer");
      assertProblem(wrong.get("/api/queues"), 401, "not the server's --token");
      assertProblem(anonymous.get("/metrics"), 401, "Bearer");
      assertProblem(anonymous.post("/api/queues/q/jobs", "{\"type\":\"t\"}"), 401, "Bearer");
      assertThat(broker.queues()).isEmpty();
      assertThat(right.get("/api/queues").status()).isEqualTo(200);
      assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
    }
    assertThatThrownBy(() -> new ApiServer.Options("0.0.0.0", 0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a token");
    assertThat(new ApiServer.Options("0.0.0.0", 0, "t", null).token()).isEqualTo("t");
  }
}
