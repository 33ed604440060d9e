package dev.ferry.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The worker's free handler slots. A claim takes every free slot at once and gives back what it
 * could not fill, so a worker never claims more jobs than it can start (backpressure). A slot is
 * given back when its handler ends, or, once {@code concurrency} settlements already wait for the
 * broker, when the settlement is answered: a worker holds at most twice its concurrency in leases.
 */
public final class Slots {
  private final Semaphore free;
  private final int total;

  public Slots(int total) {
    this.total = total;
    this.free = new Semaphore(total);
  }

  /**
   * Waits up to {@code timeoutMillis} for at least one free slot, then takes all free slots.
   *
   * @return how many slots were taken (0 on timeout)
   */
  public int takeAll(long timeoutMillis) throws InterruptedException {
    if (!free.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
      return 0;
    }
    return 1 + free.drainPermits();
  }

  public void giveBack(int n) {
    if (n > 0) {
      free.release(n);
    }
  }

  public int busy() {
    return total - free.availablePermits();
  }

  public int total() {
    return total;
  }
}
