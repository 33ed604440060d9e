package dev.ferry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandlerPoolTest {
  @Test
  void blockingTasksEachGetAThreadUpToTheSize() throws Exception {
    try (HandlerPool pool = new HandlerPool(8, "test")) {
      CountDownLatch started = new CountDownLatch(8);
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < 8; i++) {
        pool.execute(() -> {
          started.countDown();
          await(release);
        });
      }
      assertThat(started.await(10, TimeUnit.SECONDS)).as("all 8 blocking tasks running at once").isTrue();
      assertThat(pool.threads()).isEqualTo(8);
      release.countDown();

      CountDownLatch more = new CountDownLatch(100);
      for (int i = 0; i < 100; i++) {
        pool.execute(more::countDown);
      }
      assertThat(more.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pool.threads()).as("never more threads than its size").isEqualTo(8);
    }
  }

  @Test
  void shortTasksDoNotWakeAThreadEach() throws Exception {
    int bursts = 200;
    int perBurst = 100;
    try (HandlerPool pool = new HandlerPool(perBurst, "test")) {
      for (int b = 0; b < bursts; b++) {
        CountDownLatch done = new CountDownLatch(perBurst);
        for (int i = 0; i < perBurst; i++) {
          pool.execute(done::countDown);
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      }
      // A thread pool wakes an idle thread for every task (20,000 here); this one lets the threads
      // already awake run short tasks back to back (typically a few wake-ups per burst).
      assertThat(pool.wakeUps()).isLessThan(bursts * perBurst / 2);
    }
  }

  @Test
  void neverStrandsATaskWhenTasksNeverOutnumberItsThreads() throws Exception {
    int size = 4;
    int tasks = 20_000;
    Semaphore slots = new Semaphore(size); // as the worker's slots: never more queued than threads
    AtomicInteger ran = new AtomicInteger();
    try (HandlerPool pool = new HandlerPool(size, "test")) {
      for (int i = 0; i < tasks; i++) {
        assertThat(slots.tryAcquire(10, TimeUnit.SECONDS)).as("task %d waited for a free thread", i).isTrue();
        boolean blocks = ThreadLocalRandom.current().nextInt(50) == 0;
        pool.execute(() -> {
          if (blocks) {
            sleepQuietly(1);
          }
          ran.incrementAndGet();
          slots.release();
        });
      }
      assertThat(slots.tryAcquire(size, 10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).hasValue(tasks);
    }
  }

  @Test
  void closeInterruptsRunningTasksAndRefusesNewOnes() throws Exception {
    HandlerPool pool = new HandlerPool(2, "test");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    pool.execute(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    pool.close();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the running task was interrupted").isTrue();
    assertThatThrownBy(() -> pool.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aTaskDoesNotInheritAnInterruptMeantForTheOneBefore() throws Exception {
    try (HandlerPool pool = new HandlerPool(1, "test")) {
      CountDownLatch first = new CountDownLatch(1);
      pool.execute(() -> {
        Thread.currentThread().interrupt(); // as a timeout that fired just as the handler returned
        first.countDown();
      });
      assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      CountDownLatch second = new CountDownLatch(1);
      AtomicInteger sawInterrupt = new AtomicInteger(-1);
      pool.execute(() -> {
        sawInterrupt.set(Thread.currentThread().isInterrupted() ? 1 : 0);
        second.countDown();
      });
      assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(sawInterrupt).hasValue(0);
    }
  }

  @Test
  void aTaskThatThrowsAnErrorDoesNotCostTheThread() throws Exception {
    try (HandlerPool pool = new HandlerPool(1, "test")) {
      CountDownLatch thrown = new CountDownLatch(1);
      pool.execute(() -> {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> thrown.countDown());
        throw new AssertionError("a handler's bug");
      });
      assertThat(thrown.await(10, TimeUnit.SECONDS)).as("reported to the uncaught-exception handler").isTrue();
      CountDownLatch next = new CountDownLatch(1);
      pool.execute(next::countDown);
      assertThat(next.await(10, TimeUnit.SECONDS)).as("the next task still runs").isTrue();
      assertThat(pool.threads()).isEqualTo(1);
    }
  }

  @Test
  void rejectsASizeBelowOne() {
    assertThatThrownBy(() -> new HandlerPool(0, "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one thread");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
