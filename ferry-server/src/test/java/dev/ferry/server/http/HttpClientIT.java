package dev.ferry.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.http.Enqueue;
import dev.ferry.http.Enqueued;
import dev.ferry.http.FerryHttpClient;
import dev.ferry.http.FerryHttpException;
import dev.ferry.http.Job;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP producer SDK against a live server on a real Redis. */
class HttpClientIT {
  private RedisProcess redis;
  private RedisBroker broker;
  private ApiServer server;
  private FerryHttpClient ferry;

  @BeforeEach
  void setUp() {
    redis = RedisProcess.start();
    broker = RedisBroker.connect(redis.uri());
    server = ApiServer.start(broker, new ApiServer.Options("127.0.0.1", 0, "sdk-token", null));
    ferry = FerryHttpClient.builder(URI.create("http://127.0.0.1:" + server.port())).token("sdk-token").build();
  }

  @AfterEach
  void tearDown() {
    server.close();
    broker.close();
    redis.close();
  }

  @Test
  void enqueuesAndInspectsJobs() {
    Enqueued e = ferry.enqueue("billing", Enqueue.of("invoice.send", Map.of("invoice", 7)).maxRetries(4));
    assertThat(e.state()).isEqualTo("pending");
    assertThat(e.replayed()).isFalse();
    Job job = ferry.job(e.id()).orElseThrow();
    assertThat(job.type()).isEqualTo("invoice.send");
    assertThat(job.queue()).isEqualTo("billing");
    assertThat(job.maxRetries()).isEqualTo(4);
    assertThat(job.payload().get("invoice").asInt()).isEqualTo(7);
    assertThat(ferry.job("no-such-job")).isEmpty();

    Enqueued later = ferry.enqueue("billing", Enqueue.ofBytes("raw", new byte[] {1, 2}).delay(Duration.ofHours(1)));
    assertThat(later.state()).isEqualTo("scheduled");
    assertThat(broker.find("billing", later.id()).orElseThrow().payload()).containsExactly(1, 2);
  }

  @Test
  void anIdempotencyKeyReplaysTheFirstJob() {
    Enqueued first = ferry.enqueue("billing", Enqueue.of("charge", null).idempotencyKey("order-9"));
    Enqueued again = ferry.enqueue("billing", Enqueue.of("charge", null).idempotencyKey("order-9"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.replayed()).isTrue();
    assertThat(broker.counts("billing").pending()).isEqualTo(1);
  }

  @Test
  void refusalsCarryTheServersProblem() {
    assertThatThrownBy(() -> ferry.enqueue("bad queue", Enqueue.of("t", null)))
        .isInstanceOf(FerryHttpException.class)
        .satisfies(e -> assertThat(((FerryHttpException) e).status()).isEqualTo(400))
        .hasMessageContaining("queue");
    assertThatThrownBy(() -> ferry.enqueue("q", Enqueue.of("", null)))
        .isInstanceOf(FerryHttpException.class).hasMessageContaining("400");
    FerryHttpClient anonymous = FerryHttpClient.builder(URI.create("http://127.0.0.1:" + server.port())).build();
    assertThatThrownBy(() -> anonymous.enqueue("q", Enqueue.of("t", null)))
        .isInstanceOf(FerryHttpException.class)
        .satisfies(e -> assertThat(((FerryHttpException) e).status()).isEqualTo(401));
    assertThat(broker.queues()).isEmpty();
    FerryHttpClient nowhere = FerryHttpClient.builder(URI.create("http://127.0.0.1:1")).timeout(Duration.ofSeconds(2)).build();
    assertThatThrownBy(() -> nowhere.job("x"))
        .isInstanceOf(FerryHttpException.class).hasMessageContaining("could not reach");
    assertThatThrownBy(() -> FerryHttpClient.builder(URI.create("redis://x"))).hasMessageContaining("http://");
  }
}
