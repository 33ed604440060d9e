package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.metrics.Exposition;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real worker process serving /metrics: scraped over HTTP while jobs flow through it. */
class WorkerMetricsIT {
  private RedisProcess redis;
  private RedisBroker broker;
  private Process worker;
  private Path log;

  @BeforeEach
  void setUp() throws Exception {
    redis = RedisProcess.start();
    broker = RedisBroker.connect(redis.uri());
    log = Files.createTempFile("ferry-metrics-worker", ".log");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (worker != null) {
      worker.destroyForcibly();
    }
    broker.close();
    redis.close();
    Files.deleteIfExists(log);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Map<String, Double> scrape(int port) throws Exception {
    HttpResponse<String> got = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(got.statusCode()).isEqualTo(200);
    return Exposition.parse(got.body());
  }

  static double sum(Map<String, Double> series, String name, String... labels) {
    return Exposition.sum(series, name, labels);
  }

  @Test
  void metricsMoveAsJobsFlowThroughAWorkerProcess() throws Exception {
    int port = freePort();
    worker = Launcher.start(log, "worker", "--redis", redis.uri(), "--queue", "mx", "--concurrency", "4",
        "--metrics-port", Integer.toString(port));
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("metrics: http://127.0.0.1:" + port));
    Map<String, Double> before = scrape(port);
    assertThat(sum(before, "ferry_worker_slots_capacity")).isEqualTo(4);
    assertThat(sum(before, "ferry_jobs_completed_total")).isZero();

    JobClient client = JobClient.create(broker);
    for (int i = 0; i < 5; i++) {
      client.enqueue(JobRequest.ofJson("demo.echo", Map.of("n", i)).queue("mx"));
    }
    client.enqueue(JobRequest.ofJson("demo.fail", Map.of("times", 5)).queue("mx").maxRetries(0));
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      Map<String, Double> s = scrape(port);
      return sum(s, "ferry_jobs_completed_total", "queue=\"mx\"") == 5 && sum(s, "ferry_jobs_dead_total") == 1;
    });
    Map<String, Double> after = scrape(port);
    assertThat(sum(after, "ferry_jobs_completed_total", "type=\"demo.echo\"")).isEqualTo(5);
    assertThat(sum(after, "ferry_jobs_failed_total", "type=\"demo.fail\"")).isEqualTo(1);
    assertThat(sum(after, "ferry_job_duration_seconds_count", "queue=\"mx\"")).isEqualTo(6);
    assertThat(sum(after, "ferry_job_pickup_latency_seconds_count", "queue=\"mx\"")).isEqualTo(6);
    await().atMost(Duration.ofSeconds(15)).until(() ->
        sum(scrape(port), "ferry_queue_depth", "queue=\"mx\"", "state=\"dead\"") == 1);
    assertThat(sum(scrape(port), "ferry_queue_depth", "queue=\"mx\"", "state=\"completed\"")).isEqualTo(5);
  }

  @Test
  void aBadMetricsPortIsAUsageErrorAndATakenOneAFailure() throws Exception {
    Launcher.Run bad = Launcher.run("worker", "--redis", redis.uri(), "--metrics-port", "70000");
    assertThat(bad.exit()).isEqualTo(Main.USAGE);
    assertThat(bad.err()).contains("--metrics-port must be between 0 and 65535, got 70000");

    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Launcher.Run busy = Launcher.run("worker", "--redis", redis.uri(), "--metrics-port", Integer.toString(taken.getLocalPort()));
      assertThat(busy.exit()).isEqualTo(Main.FAILURE);
      assertThat(busy.err()).contains("could not serve metrics on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void theWorkersCommandListsTheRunningWorkerProcess() throws Exception {
    worker = Launcher.start(log, "worker", "--redis", redis.uri(), "--queue", "wq=2", "--concurrency", "3");
    await().atMost(Duration.ofSeconds(30)).until(() -> broker.workers().size() == 1);
    Launcher.Run table = Launcher.run("workers", "--redis", redis.uri());
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("WORKER", "wq", "0/3", Long.toString(worker.pid()));
    Launcher.Run json = Launcher.run("workers", "--redis", redis.uri(), "--json");
    assertThat(json.out()).contains("\"pid\":" + worker.pid(), "\"concurrency\":3");
    worker.destroy(); // SIGTERM: graceful, retires the announcement at once
    worker.waitFor();
    assertThat(Launcher.run("workers", "--redis", redis.uri(), "--json").out()).contains("\"workers\":[]");
  }
}
