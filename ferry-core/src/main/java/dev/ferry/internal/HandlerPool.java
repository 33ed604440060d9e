package dev.ferry.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's own handler threads, used when the application gives no executor: at most
 * {@code size} threads, started as they are needed.
 *
 * <p>It differs from a fixed {@link java.util.concurrent.ThreadPoolExecutor} in how it wakes
 * threads. A thread pool wakes one idle thread per task; at tens of thousands of short jobs a
 * second those wake-ups (a futex call, a context switch and a park per job) cost more CPU than
 * the jobs. Here a thread that finishes a job takes the next queued one without parking, and at
 * most {@link #MAX_WAKING} idle threads are on their way at any time: a woken thread, once it has
 * its job, wakes the next one if work is still queued. Short jobs are then run by the few threads
 * already awake; blocking jobs still each get their own thread, one wake-up after another.
 * Nothing is queued beyond the worker's free slots, so a queued job always finds a thread: an
 * idle one, one still to start, or a busy one that is about to look at the queue again.
 *
 * <p>Threads are created without inheriting the creating thread's inheritable thread-locals (a
 * new thread may be started from a handler's thread), with the class loader the pool was created
 * under. A task that throws is reported to the thread's uncaught-exception handler and the thread
 * goes on; a thread that cannot be started is logged and the job waits for a running thread.
 */
public final class HandlerPool implements Executor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerPool.class);
  /** Idle threads woken (or started) and not yet running a job, at most. */
  static final int MAX_WAKING = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final int size;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition workQueued = lock.newCondition();
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private final ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
  private final List<Thread> threads = new ArrayList<>();
  private int idle;
  /** Threads woken or started for queued work that have not taken a job yet. */
  private int waking;
  /** Signals sent that no waiting thread has answered yet. */
  private int unclaimed;
  private long wakeUps;
  private volatile boolean closed;

  /**
   * @param size most threads (the worker's concurrency)
   * @param name thread name prefix; threads are named {@code name-1}, {@code name-2}, …
   */
  public HandlerPool(int size, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("a handler pool needs at least one thread, got " + size);
    }
    this.size = size;
    this.name = name;
  }

  /** Queues {@code task}; throws {@link RejectedExecutionException} once the pool is closed. */
  @Override
  public void execute(Runnable task) {
    lock.lock();
    try {
      if (closed) {
        throw new RejectedExecutionException("the handler pool is closed");
      }
      queue.addLast(task);
      wakeOne();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: sends one more thread toward the queue, unless enough are on their way. */
  private void wakeOne() {
    if (queue.isEmpty() || waking >= MAX_WAKING) {
      return;
    }
    if (idle > unclaimed) {
      waking++;
      unclaimed++;
      wakeUps++;
      workQueued.signal();
    } else if (threads.size() < size) {
      Thread t = new Thread(null, this::loop, name + "-" + (threads.size() + 1), 0, false);
      t.setDaemon(true);
      t.setContextClassLoader(contextLoader);
      try {
        t.start();
      } catch (OutOfMemoryError e) { // "unable to create native thread": a process or container limit
        LOG.error("could not start handler thread {} ({}); queued jobs wait for a running thread", t.getName(), e.toString());
        return;
      }
      waking++;
      wakeUps++;
      threads.add(t);
    }
  }

  private void loop() {
    boolean woken = true; // a new thread starts as one sent for the queue
    while (true) {
      Runnable task;
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          if (woken) {
            woken = false;
            waking--; // found nothing: the next job needs a wake-up of its own
          }
          idle++;
          try {
            workQueued.await();
          } catch (InterruptedException e) {
            // an interrupt meant for the previous job's handler, or close: look again
          } finally {
            idle--;
          }
          if (unclaimed > 0) {
            unclaimed--; // this thread answers one signal (each is answered once, spurious wake-ups or not)
            woken = true;
          }
        }
        if (woken) {
          woken = false;
          waking--;
        }
        if (closed) {
          return;
        }
        task = queue.pollFirst();
        wakeOne(); // work left: pass the wake-up on before running this job
      } finally {
        lock.unlock();
      }
      Thread.interrupted(); // an interrupt meant for an earlier handler must not hit this one
      if (closed) {
        Thread.currentThread().interrupt(); // close() came between taking the task and here
      }
      try {
        task.run();
      } catch (Throwable e) {
        report(e);
      }
    }
  }

  private static void report(Throwable e) {
    Thread t = Thread.currentThread();
    try {
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    } catch (Throwable ignored) {
      // the handler itself failed: the thread must go on regardless
    }
  }

  /** Threads started so far (at most {@code size}). */
  public int threads() {
    lock.lock();
    try {
      return threads.size();
    } finally {
      lock.unlock();
    }
  }

  /** Idle threads woken or started so far: fewer than the jobs run when jobs are short. */
  public long wakeUps() {
    lock.lock();
    try {
      return wakeUps;
    } finally {
      lock.unlock();
    }
  }

  /** Drops queued tasks, interrupts running ones and lets every thread end. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      workQueued.signalAll();
      threads.forEach(Thread::interrupt);
    } finally {
      lock.unlock();
    }
  }
}
