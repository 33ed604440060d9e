package dev.ferry.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.EnqueueResult;
import dev.ferry.JobState;
import dev.ferry.spi.JobSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit of single enqueues; the Redis contract suites run it against a real Redis too. */
class EnqueueBatcherTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<List<String>> batches = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static JobSpec spec(String id) {
    return new JobSpec(id, true, "t", "q", new byte[0], 0, 0, 0, null, 0);
  }

  private List<EnqueueResult> record(List<JobSpec> specs) {
    batches.add(specs.stream().map(JobSpec::id).toList());
    List<EnqueueResult> out = new ArrayList<>();
    specs.forEach(s -> out.add(new EnqueueResult(s.id(), s.queue(), JobState.PENDING, false)));
    return out;
  }

  @Test
  void aLoneEnqueueGoesOutAtOnceOnItsOwn() {
    EnqueueBatcher batcher = new EnqueueBatcher(this::record);
    assertThat(batcher.enqueue(spec("a")).id()).isEqualTo("a");
    assertThat(batcher.enqueue(spec("b")).id()).isEqualTo("b");
    assertThat(batches).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void callsArrivingWhileABatchIsInFlightShareTheNextOneInOrder() throws Exception {
    CountDownLatch firstInFlight = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EnqueueBatcher batcher = new EnqueueBatcher(specs -> {
      if (specs.get(0).id().equals("first")) {
        firstInFlight.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return record(specs);
    });
    Future<EnqueueResult> first = pool.submit(() -> batcher.enqueue(spec("first")));
    assertThat(firstInFlight.await(5, TimeUnit.SECONDS)).isTrue();
    List<Future<EnqueueResult>> later = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "later-" + i;
      later.add(pool.submit(() -> batcher.enqueue(spec(id))));
      Thread.sleep(20); // arrive in this order
    }
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS).id()).isEqualTo("first");
    for (int i = 0; i < 5; i++) {
      assertThat(later.get(i).get(5, TimeUnit.SECONDS).id()).isEqualTo("later-" + i);
    }
    assertThat(batches).containsExactly(
        List.of("first"), List.of("later-0", "later-1", "later-2", "later-3", "later-4"));
  }

  @Test
  void aFailedBatchFailsEveryCallInItAndTheNextBatchStillGoesOut() throws Exception {
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EnqueueBatcher batcher = new EnqueueBatcher(specs -> {
      if (specs.get(0).id().equals("slow")) {
        inFlight.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return record(specs);
      }
      if (specs.stream().anyMatch(s -> s.id().startsWith("doomed"))) {
        throw new IllegalStateException("redis down");
      }
      return record(specs);
    });
    Future<EnqueueResult> slow = pool.submit(() -> batcher.enqueue(spec("slow")));
    assertThat(inFlight.await(5, TimeUnit.SECONDS)).isTrue();
    Future<EnqueueResult> d1 = pool.submit(() -> batcher.enqueue(spec("doomed-1")));
    Future<EnqueueResult> d2 = pool.submit(() -> batcher.enqueue(spec("doomed-2")));
    Thread.sleep(100);
    release.countDown();
    slow.get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> d1.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("redis down");
    assertThatThrownBy(() -> d2.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("redis down");
    assertThat(batcher.enqueue(spec("after")).id()).isEqualTo("after");
    await().atMost(Duration.ofSeconds(1)).until(() -> batches.contains(List.of("after")));
  }
}
