package dev.ferry.internal;

import dev.ferry.spi.Broker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.WaitingClaim;
import dev.ferry.spi.WorkSignal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim loop of a worker.
 *
 * <ol>
 *   <li>Take every free slot (wait for one if all are busy).
 *   <li>Claim that many jobs in one call, queues in the selector's order; give back unfilled slots.
 *   <li>Admit each job (from then on the worker answers for it, also at shutdown) and hand its
 *       run to the executor.
 *   <li>If the claim came back short, the queues are empty: wait until a job may be pending (no
 *       polling sleep; the timeout is only a safety net). A worker of one queue waits in a
 *       {@link WaitingClaim} when the broker offers one: the next claim blocks in the broker and
 *       takes the job the moment it is pushed (ADR 0010). Otherwise, and when a waiting claim saw
 *       jobs it could not take (paused queue, or another worker was first), it blocks on the work
 *       signal. A short claim with jobs in it waits too, rather than asking again for nothing: the
 *       signal remembers a wake-up that came meanwhile. The signal is opened the first time, and
 *       the claim repeated once it listens, so no job slips in between.
 * </ol>
 */
public final class Fetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  /** Safety net only: a wake-up lost in an outage is caught up after this long. */
  static final Duration IDLE_WAIT = Duration.ofSeconds(2);
  /** How long a worker waits on the work signal after its waiting claim could not be opened. */
  static final Duration REOPEN_AFTER = Duration.ofSeconds(30);

  private final Broker broker;
  private final QueueSelector selector;
  private final Slots slots;
  private final Duration leaseTimeout;
  private final Executor executor;
  private final Function<ClaimedJob, Runnable> admit;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile WorkSignal signal;
  private volatile WaitingClaim waiting;
  private boolean noWaiting;
  private long openAgainAt = System.nanoTime();

  /**
   * @param admit called on the claiming thread as soon as a job is claimed: registers it as the
   *     worker's (it owns the slot from then on) and returns its run, for the executor's thread
   */
  public Fetcher(
      Broker broker,
      QueueSelector selector,
      Slots slots,
      Duration leaseTimeout,
      Executor executor,
      Function<ClaimedJob, Runnable> admit) {
    this.broker = broker;
    this.selector = selector;
    this.slots = slots;
    this.leaseTimeout = leaseTimeout;
    this.executor = executor;
    this.admit = admit;
    this.thread = new Thread(this::loop, "ferry-fetcher");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The work signal, opened on first need: opening it fails while the broker is unreachable. */
  private WorkSignal signal() {
    WorkSignal s = signal;
    if (s == null) {
      s = broker.workSignal(selector.queues());
      signal = s;
    }
    return s;
  }

  /**
   * The waiting claim, opened on first need when the worker has one queue and the broker offers
   * one; null otherwise, and for a while after opening it failed.
   */
  private WaitingClaim waiting() {
    if (waiting == null && !noWaiting && System.nanoTime() - openAgainAt >= 0) {
      List<String> queues = List.copyOf(selector.queues());
      Optional<WaitingClaim> w;
      try {
        w = queues.size() == 1 ? broker.waitingClaim(queues.get(0)) : Optional.empty();
      } catch (RuntimeException e) {
        // e.g. Redis's maxclients reached: wait on the work signal meanwhile
        openAgainAt = System.nanoTime() + REOPEN_AFTER.toNanos();
        LOG.warn("cannot open a waiting claim, waiting on wake-ups instead for {} s: {}", REOPEN_AFTER.toSeconds(), e.toString());
        return null;
      }
      noWaiting = w.isEmpty();
      waiting = w.orElse(null);
      if (stopping && waiting != null) {
        waiting.close(); // close() ran while it opened
      }
    }
    return waiting;
  }

  private void loop() {
    long backoff = 0;
    boolean idle = false; // the last claim found the queues empty (or paused)
    boolean stalled = false; // the last waiting claim saw jobs it could not claim
    while (!stopping) {
      int free = 0;
      try {
        free = slots.takeAll(200);
        if (free == 0 || stopping) {
          slots.giveBack(free);
          continue;
        }
        WaitingClaim w = idle && !stalled ? waiting() : null;
        List<ClaimedJob> jobs;
        if (w != null) {
          WaitingClaim.Outcome o = w.claim(free, leaseTimeout, IDLE_WAIT);
          jobs = o.jobs();
          stalled = o.stalled();
        } else {
          jobs = broker.claim(selector.order(), free, leaseTimeout);
        }
        backoff = 0;
        idle = jobs.size() < free; // every queue was empty (or paused) as the claim ran
        slots.giveBack(free - jobs.size());
        free = 0;
        for (ClaimedJob job : jobs) {
          submit(job);
        }
        if (!idle) {
          stalled = false;
        } else if (!stopping && (stalled || waiting() == null)) {
          if (signal == null) {
            // First time idle: open the signal, then claim again before waiting. A job enqueued
            // after the short claim but before the subscription existed woke nobody, and while it
            // waits no further wake comes (the queue is no longer empty).
            signal();
            continue;
          }
          signal.await(IDLE_WAIT);
          stalled = false;
        }
        // else: idle with a waiting claim, which waits in the next round
      } catch (InterruptedException e) {
        slots.giveBack(free);
        break;
      } catch (RuntimeException e) {
        slots.giveBack(free);
        if (stopping) {
          break;
        }
        backoff = backoff == 0 ? 100 : Math.min(backoff * 2, 5000);
        LOG.warn("claiming jobs failed, retrying in {} ms: {}", backoff, e.toString());
        sleep(backoff);
      }
    }
  }

  private void submit(ClaimedJob job) {
    Runnable run = admit.apply(job);
    try {
      executor.execute(run);
    } catch (RejectedExecutionException e) {
      // The executor refused (shut down under us): run here so the job is still settled.
      run.run();
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Stops claiming and waits for the loop to end. Idempotent. */
  @Override
  public void close() {
    stopping = true;
    WaitingClaim w = waiting;
    if (w != null) {
      w.close(); // ends a wait in progress; the jobs its claim took are still run
    }
    WorkSignal s = signal;
    if (s != null) {
      s.close();
    }
    if (thread.isAlive() && thread != Thread.currentThread()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
