package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.FerryException;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.SettleResult;
import dev.ferry.spi.Settlement;
import dev.ferry.spi.WorkSignal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broker outlives a Redis restart: calls fail fast while Redis is down and work again after. */
class RedisRestartIT {
  private static final String Q = "restart";
  private static final Duration LEASE = Duration.ofSeconds(30);

  private RedisProcess redis;
  private RedisBroker broker;
  private JobClient client;

  @BeforeEach
  void start() {
    redis = RedisProcess.startWithAof();
    broker = RedisBroker.connect(redis.uri(), "restart");
    client = JobClient.create(broker);
  }

  @AfterEach
  void stop() {
    broker.close();
    redis.close();
  }

  @Test
  void keepsWorkingAfterRedisRestartsWithItsData() {
    String before = client.enqueue(JobRequest.of("before").queue(Q)).id();

    redis.restart();

    await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(FerryException.class)
        .until(() -> broker.counts(Q).pending() == 1);
    String after = client.enqueue(JobRequest.of("after").queue(Q)).id();
    List<ClaimedJob> claimed = broker.claim(List.of(Q), 10, LEASE);
    assertThat(claimed).extracting(ClaimedJob::id).containsExactly(before, after);
    List<Settlement> done = claimed.stream().<Settlement>map(c -> new Settlement.Complete(c.lease())).toList();
    assertThat(broker.settle(done)).containsOnly(SettleResult.OK);
    assertThat(broker.counts(Q).completed()).isEqualTo(2);
  }

  @Test
  void callsFailFastWithAClearErrorWhileRedisIsDown() {
    redis.stop();

    long start = System.nanoTime();
    assertThatThrownBy(() -> broker.counts(Q)).isInstanceOf(FerryException.class).hasMessageContaining("Redis");
    assertThatThrownBy(() -> client.enqueue(JobRequest.of("lost").queue(Q))).isInstanceOf(FerryException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

    redis.restart();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(FerryException.class)
        .until(() -> !client.enqueue(JobRequest.of("back").queue(Q)).duplicate());
  }

  @Test
  void workSignalFiresAfterThePubSubConnectionComesBack() throws Exception {
    try (WorkSignal signal = broker.workSignal(List.of(Q))) {
      assertThat(signal.await(Duration.ofMillis(50))).as("no wake before any job").isFalse();

      redis.restart();

      await("a wake once the subscription is back").atMost(Duration.ofSeconds(20))
          .until(() -> signal.await(Duration.ofMillis(100)));
      while (signal.await(Duration.ofMillis(200))) {
        // drain the resubscription wake
      }
      await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(FerryException.class)
          .until(() -> !client.enqueue(JobRequest.of("wake").queue(Q)).duplicate());
      assertThat(signal.await(Duration.ofSeconds(5))).isTrue();
    }
  }
}
