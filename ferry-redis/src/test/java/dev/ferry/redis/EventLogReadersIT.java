package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.JobEvent;
import dev.ferry.spi.EventBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Readers of the event log (SSE clients, the dashboard, events tail) do not wait for each other. */
class EventLogReadersIT {
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

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
}
