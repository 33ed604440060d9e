package dev.ferry.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.RetryPolicy;
import dev.ferry.Worker;
import dev.ferry.memory.InMemoryBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FerryMetricsTest {
  private final InMemoryBroker broker = new InMemoryBroker();
  private final FerryMetrics metrics = FerryMetrics.create();
  private Worker worker;

  @AfterEach
  void close() {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(2));
    }
    metrics.close();
    broker.close();
  }

  private Worker.Builder workerBuilder() {
    return Worker.builder(broker).listener(metrics.listener()).retryPolicy(RetryPolicy.fixed(Duration.ofMillis(10)));
  }

  private void awaitState(JobClient client, String id, JobState state) {
    await().atMost(Duration.ofSeconds(10)).until(() -> client.inspect(id).map(JobInfo::state).orElse(null) == state);
  }

  @Test
  void countersAndHistogramsMoveAsJobsFlow() {
    JobClient client = JobClient.builder(broker).listener(metrics.listener()).build();
    worker = workerBuilder()
        .handle("ok", job -> JobOutcome.success())
        .handle("flaky", job -> {
          if (job.attempt() == 1) {
            throw new IllegalStateException("first attempt fails");
          }
          return JobOutcome.success();
        })
        .handle("doomed", job -> {
          throw new IllegalStateException("always fails");
        })
        .build();
    worker.start();
    for (int i = 0; i < 3; i++) {
      client.enqueue(JobRequest.of("ok"));
    }
    String flaky = client.enqueue(JobRequest.of("flaky")).id();
    String doomed = client.enqueue(JobRequest.of("doomed").maxRetries(0)).id();
    awaitState(client, flaky, JobState.COMPLETED);
    awaitState(client, doomed, JobState.DEAD);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        Exposition.sum(Exposition.parse(metrics.scrape()), "ferry_jobs_completed_total") == 4);

    Map<String, Double> s = Exposition.parse(metrics.scrape());
    assertThat(Exposition.sum(s, "ferry_jobs_enqueued_total", "type=\"ok\"", "queue=\"default\"")).isEqualTo(3);
    assertThat(Exposition.sum(s, "ferry_jobs_enqueued_total")).isEqualTo(5);
    assertThat(Exposition.sum(s, "ferry_jobs_completed_total", "type=\"flaky\"")).isEqualTo(1);
    assertThat(Exposition.sum(s, "ferry_jobs_failed_total")).isEqualTo(2);
    assertThat(Exposition.sum(s, "ferry_jobs_retried_total", "type=\"flaky\"")).isEqualTo(1);
    assertThat(Exposition.sum(s, "ferry_jobs_dead_total", "type=\"doomed\"")).isEqualTo(1);
    assertThat(Exposition.sum(s, "ferry_job_duration_seconds_count")).isEqualTo(6); // 4 completed + 2 failed
    assertThat(Exposition.sum(s, "ferry_job_pickup_latency_seconds_count")).isEqualTo(6); // every start
    assertThat(Exposition.sum(s, "ferry_job_duration_seconds_bucket", "le=\"+Inf\"")).isEqualTo(6);
  }

  @Test
  void queueDepthAndPausedComeFromTheBrokersCounters() {
    JobClient client = JobClient.create(broker);
    client.enqueue(JobRequest.of("a").queue("mail"));
    client.enqueue(JobRequest.of("a").queue("mail"));
    client.enqueue(JobRequest.of("a").queue("mail").delay(Duration.ofHours(1)));
    broker.pause("mail");
    QueueGauges gauges = new QueueGauges(metrics.registry(), broker, Duration.ofHours(1));
    gauges.refreshOnce();
    Map<String, Double> s = Exposition.parse(metrics.scrape());
    assertThat(Exposition.sum(s, "ferry_queue_depth", "queue=\"mail\"", "state=\"pending\"")).isEqualTo(2);
    assertThat(Exposition.sum(s, "ferry_queue_depth", "queue=\"mail\"", "state=\"scheduled\"")).isEqualTo(1);
    assertThat(Exposition.sum(s, "ferry_queue_depth", "queue=\"mail\"", "state=\"dead\"")).isZero();
    assertThat(Exposition.sum(s, "ferry_queue_paused", "queue=\"mail\"")).isEqualTo(1);

    broker.resume("mail");
    client.enqueue(JobRequest.of("a").queue("mail"));
    gauges.refreshOnce();
    s = Exposition.parse(metrics.scrape());
    assertThat(Exposition.sum(s, "ferry_queue_depth", "queue=\"mail\"", "state=\"pending\"")).isEqualTo(3);
    assertThat(Exposition.sum(s, "ferry_queue_paused", "queue=\"mail\"")).isZero();
    gauges.close();
  }

  @Test
  void watchQueuesRefreshesInTheBackground() {
    JobClient.create(broker).enqueue(JobRequest.of("a").queue("bg"));
    metrics.watchQueues(broker, Duration.ofMillis(100));
    await().atMost(Duration.ofSeconds(5)).until(() ->
        Exposition.sum(Exposition.parse(metrics.scrape()), "ferry_queue_depth", "queue=\"bg\"", "state=\"pending\"") == 1);
    assertThatThrownBy(() -> metrics.watchQueues(broker, Duration.ofMillis(1)))
        .hasMessageContaining("at least 100 ms");
  }

  @Test
  void workerSlotsShowBusyAndTotal() throws Exception {
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    worker = workerBuilder().concurrency(4).handle("hold", job -> {
      running.countDown();
      release.await();
      return JobOutcome.success();
    }).build();
    metrics.watchWorker(worker);
    worker.start();
    JobClient client = JobClient.create(broker);
    client.enqueue(JobRequest.of("hold"));
    client.enqueue(JobRequest.of("hold"));
    running.await();
    Map<String, Double> s = Exposition.parse(metrics.scrape());
    assertThat(Exposition.sum(s, "ferry_worker_slots_busy")).isEqualTo(2);
    assertThat(Exposition.sum(s, "ferry_worker_slots_capacity")).isEqualTo(4);
    release.countDown();
  }

  @Test
  void theEndpointServesTheExpositionAndRefusesOtherMethods() throws Exception {
    metrics.onEvent(dev.ferry.JobEvent.of(dev.ferry.JobEvent.Kind.ENQUEUED, "j1", "q", "t", 0, java.time.Instant.now()));
    MetricsEndpoint endpoint = metrics.serve(new InetSocketAddress("127.0.0.1", 0));
    URI uri = URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> got = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("Content-Type")).contains(MetricsEndpoint.CONTENT_TYPE);
    assertThat(got.body()).contains("ferry_jobs_enqueued_total{queue=\"q\",type=\"t\"} 1.0");
    HttpResponse<String> post = http.send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);

    assertThatThrownBy(() -> metrics.serve(endpoint.address())).isInstanceOf(IOException.class);
  }
}
