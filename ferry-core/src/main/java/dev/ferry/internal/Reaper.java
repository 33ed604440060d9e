package dev.ferry.internal;

import dev.ferry.spi.Broker;
import java.time.Duration;
import java.util.List;

/**
 * Hands out again the jobs whose lease expired (their worker died or hung): back to pending, or
 * dead when no retries remain. Runs on every node; the broker makes each reap atomic, so two
 * reapers never hand out the same job twice.
 */
public final class Reaper extends PeriodicService {
  static final int BATCH = 1000;

  private final Broker broker;
  private final List<String> queues;
  private final Duration interval;

  /**
   * @param interval the pause between rounds; a crashed worker's job is recovered within the lease
   *     timeout plus this interval
   */
  public Reaper(Broker broker, List<String> queues, Duration interval) {
    super("ferry-reaper");
    this.broker = broker;
    this.queues = queues;
    this.interval = interval;
  }

  @Override
  protected Duration runOnce() {
    boolean more = false;
    for (String q : queues) {
      more |= broker.reapExpired(q, BATCH).moved() == BATCH;
    }
    return more ? Duration.ZERO : interval;
  }
}
