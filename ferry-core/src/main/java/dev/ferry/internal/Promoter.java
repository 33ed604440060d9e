package dev.ferry.internal;

import dev.ferry.spi.Broker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Moves due scheduled and retry jobs to pending. It sleeps until the earliest known due time (at
 * most {@link #MAX_PAUSE}), so delayed jobs run promptly without a busy poll. This worker's own
 * retries and snoozes tell it their due time ({@link #dueAt}), so a short backoff is not rounded
 * up to the next round.
 */
public final class Promoter extends PeriodicService {
  /** The longest pause: also the bound on how late a job enqueued by another node is seen. */
  static final Duration MAX_PAUSE = Duration.ofMillis(500);

  static final int BATCH = 1000;

  private final Broker broker;
  private final List<String> queues;
  private final Clock clock;

  private final long maxPauseMillis;
  /** When the next round is planned (epoch ms). */
  private volatile long nextRoundAt;

  public Promoter(Broker broker, List<String> queues, Clock clock) {
    this(broker, queues, clock, MAX_PAUSE);
  }

  Promoter(Broker broker, List<String> queues, Clock clock, Duration maxPause) {
    super("ferry-promoter");
    this.broker = broker;
    this.queues = queues;
    this.clock = clock;
    this.maxPauseMillis = maxPause.toMillis();
  }

  /** When the next round is planned (epoch ms; 0 before the first round). */
  long nextRoundAt() {
    return nextRoundAt;
  }

  /** A job of these queues becomes due at {@code epochMillis}: runs a round then if none is planned sooner. */
  public void dueAt(long epochMillis) {
    if (epochMillis < nextRoundAt) {
      wakeUp(); // the round recomputes the earliest due time and sleeps until it
    }
  }

  @Override
  protected Duration runOnce() {
    // While a round runs, any due time is "sooner than planned": a retry settled after this round
    // read the queue wakes the next round (wake-ups during a round are remembered).
    nextRoundAt = Long.MAX_VALUE;
    long nextDue = Long.MAX_VALUE;
    boolean more = false;
    for (String q : queues) {
      var r = broker.promoteDue(q, BATCH);
      more |= r.moved() == BATCH;
      if (r.nextDueMillis() >= 0) {
        nextDue = Math.min(nextDue, r.nextDueMillis());
      }
    }
    long now = clock.millis();
    if (more) {
      nextRoundAt = now;
      return Duration.ZERO;
    }
    long wait = nextDue == Long.MAX_VALUE ? maxPauseMillis : nextDue - now;
    long pause = Math.max(5, Math.min(wait, maxPauseMillis));
    nextRoundAt = now + pause;
    return Duration.ofMillis(pause);
  }
}
