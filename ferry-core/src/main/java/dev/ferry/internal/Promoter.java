package dev.ferry.internal;

import dev.ferry.spi.Broker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Moves due scheduled and retry jobs to pending. It sleeps until the earliest known due time (at
 * most {@link #MAX_PAUSE}), so delayed jobs run promptly without a busy poll.
 */
public final class Promoter extends PeriodicService {
  /** The longest pause: also the bound on how late a job enqueued by another node is seen. */
  static final Duration MAX_PAUSE = Duration.ofMillis(500);

  static final int BATCH = 1000;

  private final Broker broker;
  private final List<String> queues;
  private final Clock clock;

  public Promoter(Broker broker, List<String> queues, Clock clock) {
    super("ferry-promoter");
    this.broker = broker;
    this.queues = queues;
    this.clock = clock;
  }

  @Override
  protected Duration runOnce() {
    long nextDue = Long.MAX_VALUE;
    boolean more = false;
    for (String q : queues) {
      var r = broker.promoteDue(q, BATCH);
      more |= r.moved() == BATCH;
      if (r.nextDueMillis() >= 0) {
        nextDue = Math.min(nextDue, r.nextDueMillis());
      }
    }
    if (more) {
      return Duration.ZERO;
    }
    long wait = nextDue == Long.MAX_VALUE ? MAX_PAUSE.toMillis() : nextDue - clock.millis();
    return Duration.ofMillis(Math.max(5, Math.min(wait, MAX_PAUSE.toMillis())));
  }
}
