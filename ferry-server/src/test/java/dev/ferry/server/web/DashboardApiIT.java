package dev.ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.JobClient;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.Worker;
import dev.ferry.internal.Json;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import dev.ferry.server.http.ApiServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's own routes over plain HTTP: the chart stream, job timelines, bad input. */
class DashboardApiIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private RedisProcess redis;
  private RedisBroker broker;
  private RedisBroker workerBroker;
  private ApiServer server;

  @BeforeEach
  void setUp() {
    redis = RedisProcess.start();
    broker = RedisBroker.connect(redis.uri());
    workerBroker = RedisBroker.connect(redis.uri());
    server = ApiServer.start(broker, new ApiServer.Options("127.0.0.1", 0, null, null));
  }

  @AfterEach
  void tearDown() {
    server.close();
    workerBroker.close();
    broker.close();
    redis.close();
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aJobsTimelineListsItsLifecycleEventsInOrder() throws Exception {
    JobClient client = JobClient.create(broker);
    client.enqueue(JobRequest.of("work").queue("mail")); // another job's events are left out
    String id = client.enqueue(JobRequest.of("work").queue("mail")).id();
    Worker w = Worker.builder(workerBroker).queue("mail").handle("work", job -> JobOutcome.success()).build();
    w.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        JsonNode t = Json.MAPPER.readTree(get("/api/jobs/" + id + "/events", null).body());
        return t.get("events").size() == 3;
      });
    } finally {
      w.shutdown(Duration.ofSeconds(2));
    }
    JsonNode t = Json.MAPPER.readTree(get("/api/jobs/" + id + "/events", null).body());
    assertThat(t.get("complete").asBoolean()).isTrue();
    assertThat(t.get("scanned").asInt()).isGreaterThanOrEqualTo(4); // the other job's events were read and left out
    assertThat(t.get("events").findValuesAsText("kind")).containsExactly("enqueued", "started", "completed");
    assertThat(t.get("events").findValuesAsText("jobId")).containsOnly(id);
  }

  @Test
  void badInputIsRefusedWithAProblem() throws Exception {
    HttpResponse<String> unknown = get("/api/jobs/nope/events", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(unknown.body()).contains("no job nope");
    HttpResponse<String> bad = get("/api/jobs/" + "x".repeat(300) + "/events", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    HttpResponse<String> notSse = get("/api/dashboard/stream", "application/json");
    assertThat(notSse.statusCode()).isEqualTo(406);
    assertThat(notSse.body()).contains("Accept: text/event-stream");
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(404);
    assertThat(login.body()).contains("no token");
    assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aStateChangingRequestFromAnotherSiteIsRefusedEvenWithoutAToken() throws Exception {
    JobClient.create(broker).enqueue(JobRequest.of("work").queue("mail"));
    String base = "http://127.0.0.1:" + server.port();
    HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(base + "/api/queues/mail/pause"))
        .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.body()).contains("another site");
    HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(URI.create(base + "/api/queues/mail/pause"))
        .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(broker.isPaused("mail")).isFalse();
    HttpResponse<String> sameOrigin = http.send(HttpRequest.newBuilder(URI.create(base + "/api/queues/mail/pause"))
        .header("Origin", base).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(sameOrigin.statusCode()).isEqualTo(200);
    assertThat(broker.isPaused("mail")).isTrue();
  }

  @Test
  void theChartStreamSendsTheHistoryThenSamples() throws Exception {
    JobClient.create(broker).enqueue(JobRequest.of("work").queue("mail"));
    HttpResponse<InputStream> stream = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/dashboard/stream"))
            .header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String first = nextEvent(in);
      assertThat(first).isEqualTo("history");
      String sample = nextEvent(in);
      assertThat(sample).isEqualTo("sample");
      String data = in.readLine();
      JsonNode s = Json.MAPPER.readTree(data.substring("data:".length()).trim());
      assertThat(s.get("depth").get("mail").asLong()).isEqualTo(1);
      assertThat(s.has("processed") && s.has("failed") && s.has("retried") && s.has("at")).isTrue();
    }
  }

  private static String nextEvent(BufferedReader in) throws Exception {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("event:")) {
        return line.substring("event:".length()).trim();
      }
    }
    throw new AssertionError("the stream ended");
  }
}
