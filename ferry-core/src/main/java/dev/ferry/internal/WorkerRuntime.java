package dev.ferry.internal;

import dev.ferry.JobHandler;
import dev.ferry.Retention;
import dev.ferry.RetryPolicy;
import dev.ferry.spi.Broker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a worker's parts together and runs them in order.
 *
 * <p>Start order: completer, heartbeat, maintenance (promoter, reaper, pruner), then the fetcher,
 * so nothing is claimed before settlements can be sent and leases extended. Stop order is the
 * reverse: the fetcher first (claim nothing more), then running jobs are drained, leftovers handed
 * back, settlements flushed, and only then the heartbeat stops (it must keep leases alive while
 * jobs drain).
 */
public final class WorkerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerRuntime.class);

  /** Everything the builder collected. */
  public record Config(
      Map<String, Integer> queues,
      boolean strictPriority,
      int concurrency,
      Map<String, JobHandler> handlers,
      RetryPolicy retryPolicy,
      Duration leaseTimeout,
      Duration defaultJobTimeout,
      Duration reapInterval,
      Retention retention,
      boolean retryUnknownTypes,
      Executor executor,
      Clock clock,
      List<dev.ferry.JobListener> listeners,
      boolean eventLog) {}

  private final Broker broker;
  private final Config config;
  private final Slots slots;
  /** Jobs whose handler ended and whose slot was freed before their settlement was answered. */
  private final Semaphore settlingEarly;
  private final InFlight inFlight = new InFlight();
  private final ScheduledExecutorService timer;
  private final HandlerPool ownExecutor;
  private final Executor executor;
  private final JobRunner runner;
  private final Completer completer;
  private final Heartbeat heartbeat;
  private final Presence presence;
  private final Promoter promoter;
  private final List<PeriodicService> maintenance;
  private final Fetcher fetcher;
  private final EventRecorder events;
  private final Object lifecycle = new Object();
  private boolean started;
  private boolean stopped;

  public WorkerRuntime(Broker broker, Config config) {
    this.broker = broker;
    this.config = config;
    this.slots = new Slots(config.concurrency());
    this.settlingEarly = new Semaphore(config.concurrency());
    this.timer = timeoutTimer();
    this.ownExecutor =
        config.executor() == null ? new HandlerPool(config.concurrency(), "ferry-worker") : null;
    this.executor = config.executor() == null ? ownExecutor : config.executor();
    this.runner = new JobRunner(config.handlers(), config.retryPolicy(), config.retryUnknownTypes(), timer);
    this.completer = new Completer(broker);
    this.events = new EventRecorder(broker, config.listeners(), config.eventLog());
    this.heartbeat = new Heartbeat(broker, inFlight, config.leaseTimeout());
    List<String> queues = List.copyOf(config.queues().keySet());
    this.presence = new Presence(broker, inFlight, queues, config.concurrency(), config.leaseTimeout(), config.clock());
    this.promoter = new Promoter(broker, queues, config.clock());
    this.maintenance =
        List.of(
            promoter,
            new Reaper(broker, queues, config.reapInterval()),
            new Pruner(broker, queues, config.retention(), Duration.ofSeconds(30)));
    QueueSelector selector = new QueueSelector(config.queues(), config.strictPriority());
    this.fetcher = new Fetcher(broker, selector, slots, config.leaseTimeout(), executor, this::admit);
  }

  public void start() {
    synchronized (lifecycle) {
      if (started) {
        return;
      }
      started = true;
      completer.start();
      heartbeat.start();
      maintenance.forEach(PeriodicService::start);
      fetcher.start();
      presence.start();
      LOG.info("worker started: queues {}, concurrency {}, lease {}", config.queues(), config.concurrency(), config.leaseTimeout());
    }
  }

  /**
   * Makes a just-claimed job this worker's at once, before any executor thread picks it up, so a
   * shutdown that comes in between hands it back instead of leaving it to its lease; returns its run.
   */
  private Runnable admit(ClaimedJob claimed) {
    long timeout = claimed.timeoutMillis() > 0 ? claimed.timeoutMillis() : config.defaultJobTimeout().toMillis();
    RunningJob job = new RunningJob(claimed, timeout);
    inFlight.add(job);
    return () -> runJob(job);
  }

  /** Runs one admitted job on the current (executor) thread; frees its slot once settled. */
  private void runJob(RunningJob job) {
    if (job.isSettling()) {
      return; // handed back by shutdown before it started: its slot is already free
    }
    job.begin();
    java.time.Instant startedAt = config.clock().instant();
    events.onEvent(LifecycleEvents.started(job, startedAt));
    long t0 = System.nanoTime();
    Settlement settlement;
    try {
      settlement = runner.run(job);
    } catch (RuntimeException e) {
      LOG.error("runner failed for {}", job, e);
      settlement = new Settlement.Retry(job.lease(), 1000, JobRunner.describe(e));
    }
    if (!job.claimSettlement()) {
      // Shutdown already handed this job back to pending: the lease is gone, settle nothing.
      return;
    }
    Duration ran = Duration.ofNanos(System.nanoTime() - t0);
    Settlement applied = settlement;
    // The handler is done: its slot may take the next job while the settlement is on its way,
    // so claiming overlaps settling. At most `concurrency` jobs wait to settle like this; beyond
    // that the slot waits for the broker's answer (backpressure when settling is slow).
    boolean slotFreed = settlingEarly.tryAcquire();
    completer.submit(settlement, result -> {
      finish(job, slotFreed);
      if (result == dev.ferry.spi.SettleResult.OK) {
        LifecycleEvents.settled(job, applied, ran, config.clock().instant()).forEach(events::onEvent);
        long delay = applied instanceof Settlement.Retry r ? r.delayMillis()
            : applied instanceof Settlement.Snooze z ? z.delayMillis() : -1;
        if (delay >= 0) {
          promoter.dueAt(config.clock().millis() + delay); // a short backoff need not wait for the next round
        }
      }
    });
    if (slotFreed) {
      // Last: this thread is about to be free too, so an executor of exactly `concurrency`
      // threads is not handed a job while all its threads are still busy.
      slots.giveBack(1);
    }
  }

  /** A job's settlement was answered (or it was handed back): it is no longer this worker's. */
  private void finish(RunningJob job, boolean slotFreed) {
    inFlight.remove(job);
    if (slotFreed) {
      settlingEarly.release();
    } else {
      slots.giveBack(1);
    }
  }

  public void shutdown(Duration timeout) {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (!started) {
        events.close();
        closeExecutors();
        return;
      }
    }
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    fetcher.close();
    try {
      if (!inFlight.awaitEmpty(deadline)) {
        handBackRunning();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handBackRunning();
    }
    completer.close(10_000);
    events.close();
    presence.close();
    heartbeat.close();
    maintenance.forEach(PeriodicService::close);
    closeExecutors();
    LOG.info("worker stopped");
  }

  /** Interrupts the jobs still running and gives their leases back in one call. */
  private void handBackRunning() {
    List<RunningJob> handed = new ArrayList<>();
    for (RunningJob job : inFlight.all()) {
      if (job.claimSettlement()) {
        job.stop(RunningJob.StopReason.SHUTDOWN);
        handed.add(job);
      }
    }
    if (handed.isEmpty()) {
      return;
    }
    List<Settlement> releases = new ArrayList<>(handed.size());
    handed.forEach(j -> releases.add(new Settlement.Release(j.lease())));
    try {
      broker.settle(releases);
      LOG.info("handed {} unfinished jobs back to their queues", handed.size());
    } catch (RuntimeException e) {
      LOG.warn("could not hand back {} jobs; they return when their leases expire: {}", handed.size(), e.toString());
    }
    handed.forEach(j -> finish(j, false));
  }

  private void closeExecutors() {
    timer.shutdownNow();
    if (ownExecutor != null) {
      ownExecutor.close();
    }
  }

  /** This worker's id in the broker's worker registry. */
  public String workerId() {
    return presence.id();
  }

  /**
   * Handlers running now, claimed jobs about to run included (not slots the fetcher holds for a
   * claim in flight, nor jobs whose handler ended and whose settlement is on its way).
   */
  public int busySlots() {
    return inFlight.running().size();
  }

  public int totalSlots() {
    return slots.total();
  }

  /**
   * The timer that enforces job timeouts. Every job schedules its timeout and cancels it when the
   * handler returns, so cancelled timeouts must leave the queue at once: by default they would
   * stay until their (30-minute) deadline, piling up millions of dead entries at full speed and
   * making every schedule an O(log n) sift through them.
   */
  static ScheduledThreadPoolExecutor timeoutTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("ferry-timeouts"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
