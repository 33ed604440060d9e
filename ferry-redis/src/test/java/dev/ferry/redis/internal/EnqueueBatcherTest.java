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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit of single enqueues; the Redis contract suites run it against a real Redis too. */
class EnqueueBatcherTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  /** The batches in the order they were dispatched. */
  private final List<List<String>> batches = new CopyOnWriteArrayList<>();
  /** Released when the batches whose first job is in {@link #held} may answer. */
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> inFlight = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static JobSpec spec(String id) {
    return new JobSpec(id, true, "t", "q", new byte[0], 0, 0, 0, null, 0);
  }

  /**
   * A dispatcher that records each batch as it goes out; a batch led by one of {@code held} stays
   * on the wire (its results do not come back) until {@link #release}; a batch containing
   * {@code failing} fails.
   */
  private EnqueueBatcher batcher(Set<String> held, String failing) {
    return batcher(held, failing, EnqueueBatcher.MAX_BATCH);
  }

  private EnqueueBatcher batcher(Set<String> held, String failing, int maxBatch) {
    return new EnqueueBatcher(specs -> {
      List<String> ids = specs.stream().map(JobSpec::id).toList();
      batches.add(ids);
      Supplier<List<EnqueueResult>> answer = () -> {
        if (held.contains(ids.get(0))) {
          inFlight.add(ids.get(0));
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
        if (ids.contains(failing)) {
          throw new IllegalStateException("redis down");
        }
        List<EnqueueResult> out = new ArrayList<>();
        specs.forEach(s -> out.add(new EnqueueResult(s.id(), s.queue(), JobState.PENDING, false)));
        return out;
      };
      return CompletableFuture.supplyAsync(answer, pool); // replies arrive on another thread, as from Redis
    }, maxBatch, 15_000);
  }

  private Future<EnqueueResult> enqueueAsync(EnqueueBatcher batcher, String id) throws Exception {
    Future<EnqueueResult> f = pool.submit(() -> batcher.enqueue(spec(id)));
    Thread.sleep(20); // arrive in this order
    return f;
  }

  @Test
  void theNextBatchIsSentByTheReplyOfTheOneBeforeNotByAWaitingCaller() throws Exception {
    // The two slots are held; callers queue behind them. When the first reply arrives, the thread
    // that delivers it (Redis's I/O thread in production) sends what queued, so no caller thread
    // has to wake up in between.
    List<String> sentBy = new CopyOnWriteArrayList<>();
    CompletableFuture<List<EnqueueResult>> firstReply = new CompletableFuture<>();
    CompletableFuture<List<EnqueueResult>> secondReply = new CompletableFuture<>();
    List<CompletableFuture<List<EnqueueResult>>> replies = new CopyOnWriteArrayList<>(List.of(firstReply, secondReply));
    EnqueueBatcher batcher = new EnqueueBatcher(specs -> {
      batches.add(specs.stream().map(JobSpec::id).toList());
      sentBy.add(Thread.currentThread().getName());
      if (!replies.isEmpty()) {
        return replies.remove(0);
      }
      return CompletableFuture.completedFuture(
          specs.stream().map(s -> new EnqueueResult(s.id(), s.queue(), JobState.PENDING, false)).toList());
    });
    Future<EnqueueResult> first = enqueueAsync(batcher, "first");
    Future<EnqueueResult> second = enqueueAsync(batcher, "second");
    Future<EnqueueResult> third = enqueueAsync(batcher, "third");
    assertThat(batches).hasSize(2);
    Thread replier = new Thread(() -> firstReply.complete(List.of(new EnqueueResult("first", "q", JobState.PENDING, false))), "the-reply");
    replier.start();
    replier.join();
    assertThat(third.get(5, TimeUnit.SECONDS).id()).isEqualTo("third");
    assertThat(first.get(5, TimeUnit.SECONDS).id()).isEqualTo("first");
    assertThat(batches).containsExactly(List.of("first"), List.of("second"), List.of("third"));
    assertThat(sentBy.get(2)).isEqualTo("the-reply");
    secondReply.complete(List.of(new EnqueueResult("second", "q", JobState.PENDING, false)));
    assertThat(second.get(5, TimeUnit.SECONDS).id()).isEqualTo("second");
  }

  @Test
  void aBatchWhoseReplyNeverComesFailsAfterTheBackstopAndFreesItsSlot() throws Exception {
    EnqueueBatcher batcher = new EnqueueBatcher(specs -> {
      batches.add(specs.stream().map(JobSpec::id).toList());
      if (specs.get(0).id().startsWith("lost")) {
        return new CompletableFuture<>(); // a reply that never arrives
      }
      return CompletableFuture.completedFuture(
          specs.stream().map(s -> new EnqueueResult(s.id(), s.queue(), JobState.PENDING, false)).toList());
    }, EnqueueBatcher.MAX_BATCH, 300);
    Future<EnqueueResult> lost1 = enqueueAsync(batcher, "lost-1");
    Future<EnqueueResult> lost2 = enqueueAsync(batcher, "lost-2");
    Future<EnqueueResult> after = enqueueAsync(batcher, "after"); // queued: both slots are taken
    assertThat(after.get(5, TimeUnit.SECONDS).id()).as("sent once a slot was freed").isEqualTo("after");
    assertThatThrownBy(() -> lost1.get(5, TimeUnit.SECONDS)).hasMessageContaining("did not answer in time");
    assertThatThrownBy(() -> lost2.get(5, TimeUnit.SECONDS)).hasMessageContaining("did not answer in time");
  }

  @Test
  void aDispatchThatThrowsFailsOnlyItsOwnBatch() {
    EnqueueBatcher batcher = new EnqueueBatcher(specs -> {
      if (specs.get(0).id().equals("bad")) {
        throw new IllegalArgumentException("refused");
      }
      return CompletableFuture.completedFuture(
          specs.stream().map(s -> new EnqueueResult(s.id(), s.queue(), JobState.PENDING, false)).toList());
    });
    assertThatThrownBy(() -> batcher.enqueue(spec("bad"))).hasMessage("refused");
    assertThat(batcher.enqueue(spec("good")).id()).isEqualTo("good");
  }

  @Test
  void aLoneEnqueueGoesOutAtOnceOnItsOwn() {
    EnqueueBatcher batcher = batcher(Set.of(), null);
    assertThat(batcher.enqueue(spec("a")).id()).isEqualTo("a");
    assertThat(batcher.enqueue(spec("b")).id()).isEqualTo("b");
    assertThat(batches).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void aSecondBatchGoesOutWhileTheFirstIsStillOnTheWire() throws Exception {
    EnqueueBatcher batcher = batcher(Set.of("first"), null);
    Future<EnqueueResult> first = enqueueAsync(batcher, "first");
    await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.contains("first"));
    assertThat(batcher.enqueue(spec("second")).id()).as("answered while the first waits").isEqualTo("second");
    assertThat(first.isDone()).isFalse();
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS).id()).isEqualTo("first");
  }

  @Test
  void callsArrivingWhileEverySlotIsBusyShareTheNextBatchInOrder() throws Exception {
    EnqueueBatcher batcher = batcher(Set.of("first", "second"), null);
    Future<EnqueueResult> first = enqueueAsync(batcher, "first");
    Future<EnqueueResult> second = enqueueAsync(batcher, "second");
    await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.size() == EnqueueBatcher.MAX_IN_FLIGHT);
    List<Future<EnqueueResult>> later = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      later.add(enqueueAsync(batcher, "later-" + i));
    }
    assertThat(batches).as("nothing more goes out while both slots are busy").hasSize(2);
    release.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS).id()).isEqualTo("first");
    assertThat(second.get(5, TimeUnit.SECONDS).id()).isEqualTo("second");
    for (int i = 0; i < 5; i++) {
      assertThat(later.get(i).get(5, TimeUnit.SECONDS).id()).isEqualTo("later-" + i);
    }
    assertThat(batches).containsExactly(
        List.of("first"), List.of("second"), List.of("later-0", "later-1", "later-2", "later-3", "later-4"));
  }

  @Test
  void everyQueuedJobIsSentEvenWhenBatchesHoldOnlyOne() throws Exception {
    // Batches of one: each reply sends just the oldest queued job; none may be left behind.
    for (int round = 0; round < 10; round++) {
      CountDownLatch open = new CountDownLatch(1);
      List<String> busy = new CopyOnWriteArrayList<>();
      EnqueueBatcher batcher = new EnqueueBatcher(specs -> {
        String first = specs.get(0).id();
        return CompletableFuture.supplyAsync(() -> {
          if (first.startsWith("hold")) {
            busy.add(first);
            try {
              open.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
          return List.of(new EnqueueResult(first, "q", JobState.PENDING, false));
        }, pool);
      }, 1, 15_000);
      List<Future<EnqueueResult>> all = new ArrayList<>();
      all.add(pool.submit(() -> batcher.enqueue(spec("hold-1"))));
      all.add(pool.submit(() -> batcher.enqueue(spec("hold-2"))));
      await().atMost(Duration.ofSeconds(5)).until(() -> busy.size() == EnqueueBatcher.MAX_IN_FLIGHT);
      for (int i = 0; i < 6; i++) {
        String id = "r" + round + "-" + i;
        all.add(pool.submit(() -> batcher.enqueue(spec(id))));
      }
      Thread.sleep(50); // let them queue behind the two held batches
      open.countDown();
      for (Future<EnqueueResult> f : all) {
        assertThat(f.get(5, TimeUnit.SECONDS)).isNotNull();
      }
    }
  }

  @Test
  void aFailedBatchFailsEveryCallInItAndTheNextBatchStillGoesOut() throws Exception {
    EnqueueBatcher batcher = batcher(Set.of("slow-1", "slow-2"), "doomed-1");
    Future<EnqueueResult> slow1 = enqueueAsync(batcher, "slow-1");
    Future<EnqueueResult> slow2 = enqueueAsync(batcher, "slow-2");
    await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.size() == 2);
    Future<EnqueueResult> d1 = enqueueAsync(batcher, "doomed-1");
    Future<EnqueueResult> d2 = enqueueAsync(batcher, "doomed-2");
    release.countDown();
    slow1.get(5, TimeUnit.SECONDS);
    slow2.get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> d1.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("redis down");
    assertThatThrownBy(() -> d2.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("redis down");
    assertThat(batches).contains(List.of("doomed-1", "doomed-2"));
    assertThat(batcher.enqueue(spec("after")).id()).isEqualTo("after");
    assertThat(batches.get(batches.size() - 1)).containsExactly("after");
  }
}
