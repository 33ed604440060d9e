package dev.ferry.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every background role (promoter, reaper, pruner, heartbeat): one thread that calls
 * {@link #runOnce()} again and again, logs and keeps going on error, and stops idempotently.
 */
public abstract class PeriodicService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicService.class);

  private final String name;
  private final AtomicBoolean started = new AtomicBoolean();
  private final Object sleeper = new Object();
  private volatile boolean stopping;
  private boolean woken; // guarded by sleeper
  private Thread thread;

  protected PeriodicService(String name) {
    this.name = name;
  }

  /**
   * Does one round of work and says how long to wait before the next.
   *
   * @return the pause before the next round
   */
  protected abstract Duration runOnce() throws Exception;

  /** The pause after a failed round. */
  protected Duration pauseAfterError() {
    return Duration.ofSeconds(1);
  }

  public final void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    int failures = 0;
    while (!stopping) {
      Duration pause;
      try {
        pause = runOnce();
        if (failures > 0) {
          LOG.info("{} recovered after {} failed rounds", name, failures);
        }
        failures = 0;
      } catch (InterruptedException e) {
        break;
      } catch (Exception e) {
        if (stopping) {
          break;
        }
        failures++;
        // Log the first failure in full, then one line per failure: an outage should not flood.
        if (failures == 1) {
          LOG.warn("{} failed; retrying", name, e);
        } else {
          LOG.warn("{} failed again ({} in a row): {}", name, failures, e.toString());
        }
        pause = pauseAfterError();
      }
      pause(pause);
    }
  }

  private void pause(Duration d) {
    synchronized (sleeper) {
      long deadline = System.nanoTime() + Math.max(0, d.toNanos());
      while (!stopping && !woken) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          sleeper.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
      woken = false;
    }
  }

  /**
   * Cuts the current pause short so the next round starts at once; a call during a round makes
   * the round after it start without a pause.
   */
  public final void wakeUp() {
    synchronized (sleeper) {
      woken = true;
      sleeper.notifyAll();
    }
  }

  /** Stops the loop and waits for the current round to end. Idempotent. */
  @Override
  public void close() {
    stopping = true;
    wakeUp();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
