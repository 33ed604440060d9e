package dev.ferry.internal;

import dev.ferry.spi.Broker;
import dev.ferry.spi.Lease;
import dev.ferry.spi.SettleResult;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extends the leases of the worker's in-flight jobs every third of the lease timeout, so long
 * jobs are not reaped. A lease the broker no longer honours (the job was reaped and handed to
 * another worker) stops its handler: its result would be refused anyway.
 */
public final class Heartbeat extends PeriodicService {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

  private final Broker broker;
  private final InFlight inFlight;
  private final Duration leaseTimeout;

  public Heartbeat(Broker broker, InFlight inFlight, Duration leaseTimeout) {
    super("ferry-heartbeat");
    this.broker = broker;
    this.inFlight = inFlight;
    this.leaseTimeout = leaseTimeout;
  }

  /** The pause between extensions: a third of the lease, so two may fail before it lapses. */
  Duration interval() {
    return leaseTimeout.dividedBy(3);
  }

  @Override
  protected Duration runOnce() {
    List<Lease> leases = inFlight.leases();
    if (!leases.isEmpty()) {
      List<SettleResult> results = broker.extendLeases(leases, leaseTimeout);
      for (int i = 0; i < leases.size(); i++) {
        if (results.get(i) == SettleResult.STALE) {
          RunningJob job = inFlight.get(leases.get(i).jobId());
          // A job whose settlement is on its way has given its lease up: not a lost lease.
          if (job != null && job.lease().equals(leases.get(i)) && !job.isSettling()) {
            LOG.warn("lost the lease of {}; stopping its handler", job);
            job.stop(RunningJob.StopReason.LEASE_LOST);
          }
        }
      }
    }
    return interval();
  }

  @Override
  protected Duration pauseAfterError() {
    return Duration.ofMillis(Math.min(1000, interval().toMillis()));
  }
}
