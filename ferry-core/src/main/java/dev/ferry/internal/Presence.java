package dev.ferry.internal;

import dev.ferry.WorkerInfo;
import dev.ferry.spi.Broker;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the worker to the broker's registry on a heartbeat (who it is, its queues, busy slots,
 * the jobs it runs), so operators can see live workers. The announcement lapses after three
 * missed beats; a graceful stop retires it at once.
 */
public final class Presence extends PeriodicService {
  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
  /** The longest pause between announcements. */
  static final Duration MAX_INTERVAL = Duration.ofSeconds(5);

  private final Broker broker;
  private final InFlight inFlight;
  private final Clock clock;
  private final String id;
  private final String host;
  private final long pid;
  private final List<String> queues;
  private final int concurrency;
  private final Duration interval;
  private volatile Instant startedAt;

  /** Announces every third of the lease timeout, at most {@link #MAX_INTERVAL} apart. */
  public Presence(
      Broker broker, InFlight inFlight, List<String> queues, int concurrency,
      Duration leaseTimeout, Clock clock) {
    super("ferry-presence");
    this.broker = broker;
    this.inFlight = inFlight;
    this.clock = clock;
    this.host = hostName();
    this.pid = ProcessHandle.current().pid();
    this.id = host + "-" + pid + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    this.queues = List.copyOf(queues);
    this.concurrency = concurrency;
    Duration third = leaseTimeout.dividedBy(3);
    this.interval = third.compareTo(MAX_INTERVAL) < 0 ? third : MAX_INTERVAL;
  }

  /** This worker's id in the registry. */
  public String id() {
    return id;
  }

  /** What the worker would announce now. */
  public WorkerInfo snapshot() {
    Instant now = clock.instant();
    if (startedAt == null) {
      startedAt = now;
    }
    List<WorkerInfo.Running> running = new ArrayList<>();
    for (RunningJob job : inFlight.running()) {
      running.add(new WorkerInfo.Running(job.id(), job.queue(), job.type(), job.attempt(), job.startedAt()));
    }
    return new WorkerInfo(id, host, pid, queues, concurrency, running.size(), startedAt, now, running); // one read: busy matches the list
  }

  @Override
  protected Duration runOnce() {
    broker.announceWorker(snapshot(), interval.multipliedBy(3));
    return interval;
  }

  @Override
  protected Duration pauseAfterError() {
    return Duration.ofSeconds(1);
  }

  /** Stops announcing and removes the announcement (best effort: it lapses anyway). */
  @Override
  public void close() {
    super.close();
    try {
      broker.retireWorker(id);
    } catch (RuntimeException e) {
      LOG.debug("could not retire worker {}; its announcement lapses by itself: {}", id, e.toString());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String name = ManagementFactory.getRuntimeMXBean().getName();
      int at = name.indexOf('@');
      return at >= 0 ? name.substring(at + 1) : "unknown";
    }
  }
}
