package dev.ferry.spi;

import java.time.Duration;

/**
 * An idle worker's wake-up line: fires when a job may have become pending on its queues.
 *
 * <p>No wake-up is lost: a signal that fires while nobody awaits is remembered, and the next
 * {@link #await} returns at once. So a worker may claim, find nothing, then await without missing a
 * job enqueued in between. Spurious returns are allowed; callers claim again and await again.
 */
public interface WorkSignal extends AutoCloseable {

  /**
   * Waits until the signal fires (or fired since the last return) or {@code timeout} passes.
   *
   * @return true if it fired, false on timeout
   */
  boolean await(Duration timeout) throws InterruptedException;

  /** Stops listening. */
  @Override
  void close();
}
