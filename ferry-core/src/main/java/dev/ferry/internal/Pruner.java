package dev.ferry.internal;

import dev.ferry.Retention;
import dev.ferry.spi.Broker;
import java.time.Duration;
import java.util.List;

/** Deletes completed and dead jobs that fall outside the retention, so storage stays bounded. */
public final class Pruner extends PeriodicService {
  static final int BATCH = 1000;

  private final Broker broker;
  private final List<String> queues;
  private final Retention retention;
  private final Duration interval;

  public Pruner(Broker broker, List<String> queues, Retention retention, Duration interval) {
    super("ferry-pruner");
    this.broker = broker;
    this.queues = queues;
    this.retention = retention;
    this.interval = interval;
  }

  @Override
  protected Duration runOnce() {
    boolean more = false;
    for (String q : queues) {
      more |= broker.prune(q, retention, BATCH).moved() == BATCH;
    }
    return more ? Duration.ZERO : interval;
  }
}
