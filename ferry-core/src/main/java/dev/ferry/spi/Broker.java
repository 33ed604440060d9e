package dev.ferry.spi;

import dev.ferry.EnqueueResult;
import dev.ferry.JobEvent;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.JobState;
import dev.ferry.QueueCounts;
import dev.ferry.Retention;
import dev.ferry.WorkerInfo;
import dev.ferry.internal.EnqueuedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The storage a job system runs on: every state transition of every job, each one atomic.
 *
 * <p>Implementations: the Redis broker ({@code ferry-redis}) and {@code InMemoryBroker}. Both pass
 * the same contract suite ({@code BrokerContract} in core's test-jar). Inputs arrive validated by
 * {@code JobClient} and the worker runtime; a broker trusts them. Times that decide due-ness and
 * lease expiry are the broker's own clock (Redis {@code TIME}), so workers' clocks may differ.
 *
 * <p>Threading: every method may be called from many threads at once.
 */
public interface Broker extends AutoCloseable {

  // ---- producing -------------------------------------------------------------------------

  /**
   * Stores the jobs, each atomically: a job whose unique key is held, or whose caller-given id is
   * already stored in its queue, is refused as a duplicate and nothing of it is written. Results
   * come in the order of {@code jobs}.
   */
  List<EnqueueResult> enqueue(List<JobSpec> jobs);

  /**
   * Enqueues like {@link #enqueue} and records an {@code enqueued} line in the event log for every
   * job created (none for a duplicate). The default appends the lines after storing the jobs; a
   * line that cannot be appended is logged and lost, never failing jobs already stored. A broker
   * that can write both in one step overrides this (the Redis broker does, inside its enqueue
   * script, saving a round trip per enqueue).
   */
  default List<EnqueueResult> enqueueLogged(List<JobSpec> jobs) {
    List<EnqueueResult> results = enqueue(jobs);
    List<JobEvent> events = EnqueuedEvents.of(jobs, results, Instant.now());
    if (!events.isEmpty()) {
      try {
        appendEvents(events);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(Broker.class).warn("could not append {} enqueued events to the event log: {}", events.size(), e.toString());
      }
    }
    return results;
  }

  // ---- working ---------------------------------------------------------------------------

  /**
   * Claims up to {@code max} pending jobs, taking from {@code queues} in the given order (all it
   * can from the first, then the next), each under a new lease of {@code leaseTimeout}. Spends an
   * attempt per job. Returns at once (possibly empty); fewer than {@code max} only when every queue
   * had nothing more to claim (empty or paused), so a worker may then wait on {@link #workSignal}.
   */
  List<ClaimedJob> claim(List<String> queues, int max, Duration leaseTimeout);

  /**
   * Opens a wake-up signal for {@code queues}: it fires whenever a job may have become pending on
   * one of them (enqueue, promote, release, reap, requeue), so an idle worker blocks instead of
   * polling. See {@link WorkSignal} for the no-lost-wake-up rule.
   *
   * @throws dev.ferry.FerryException while the broker is unreachable (callers retry)
   */
  WorkSignal workSignal(Collection<String> queues);

  /**
   * Opens a claim that waits on {@code queue} when it has nothing pending and claims as soon as a
   * job is, in one step on the broker's side: an idle worker of one queue then picks a job up
   * without the wake-up message and the second round trip that {@link #workSignal} plus
   * {@link #claim} cost. Empty when this broker has no such claim; the worker then waits on
   * {@link #workSignal}. The Redis broker opens one connection per waiting claim.
   *
   * @throws dev.ferry.FerryException while the broker is unreachable (callers retry)
   */
  default Optional<WaitingClaim> waitingClaim(String queue) {
    return Optional.empty();
  }

  /** Applies the settlements; results come in the same order. */
  List<SettleResult> settle(List<Settlement> settlements);

  /** Extends the leases to {@code leaseTimeout} from now; STALE for leases no longer held. */
  List<SettleResult> extendLeases(List<Lease> leases, Duration leaseTimeout);

  // ---- maintenance (idempotent; safe to run on every node at once) -----------------------

  /** Moves up to {@code limit} due scheduled and retry jobs of {@code queue} to pending. */
  MaintenanceResult promoteDue(String queue, int limit);

  /**
   * Takes up to {@code limit} active jobs of {@code queue} whose lease expired: back to pending
   * when retries remain, else dead, with the error "lease expired".
   */
  MaintenanceResult reapExpired(String queue, int limit);

  /**
   * Deletes up to {@code limit} completed and dead jobs of {@code queue} that fall outside the
   * retention: older than the age limit or beyond the count limit (oldest first).
   */
  MaintenanceResult prune(String queue, Retention retention, int limit);

  // ---- inspecting and operating ----------------------------------------------------------

  /** Every queue that has ever had a job enqueued. */
  Set<String> queues();

  /** The job with this id in any known queue (probing each queue's job key; no scan). */
  Optional<JobInfo> find(String jobId);

  /** The job with this id in {@code queue}. */
  Optional<JobInfo> find(String queue, String jobId);

  /** Counts per state of one queue, in O(1). */
  QueueCounts counts(String queue);

  /**
   * A page of the jobs of one queue in {@code state} (oldest first for sorted states, claim order
   * for pending). {@code cursor} is null for the first page.
   */
  JobPage list(String queue, JobState state, String cursor, int limit);

  /** Moves one dead job back to pending with its attempts reset; false if it is not dead. */
  boolean requeueDead(String queue, String jobId);

  /** Moves up to {@code limit} dead jobs back to pending; returns how many moved. */
  long requeueDead(String queue, int limit);

  /** Deletes up to {@code limit} dead jobs; returns how many were deleted. */
  long purgeDead(String queue, int limit);

  /**
   * Moves a scheduled, retry or dead job to pending at once (a dead job's attempts are reset).
   * Returns false if the job is in no such state.
   */
  boolean retryNow(String queue, String jobId);

  /** Deletes a job in any state; a worker holding it finds its lease stale. False if absent. */
  boolean delete(String queue, String jobId);

  // ---- pausing ---------------------------------------------------------------------------

  /** Pauses a queue: it keeps accepting jobs, but no worker on any node claims from it. */
  void pause(String queue);

  /** Resumes a paused queue and wakes idle workers. */
  void resume(String queue);

  /** Whether {@code queue} is paused. */
  boolean isPaused(String queue);

  // ---- the event log ---------------------------------------------------------------------

  /** Appends lifecycle events to the capped per-queue event log (oldest dropped past the cap). */
  void appendEvents(List<JobEvent> events);

  /**
   * Reads events of {@code queues} after {@code cursor} (null: only events appended from now on),
   * waiting up to {@code block} when there are none yet, at most {@code max}.
   */
  EventBatch readEvents(Collection<String> queues, String cursor, int max, Duration block)
      throws InterruptedException;

  /**
   * Announces (or refreshes) a live worker; the announcement lapses after {@code ttl} unless
   * repeated. Announcements of other workers that have lapsed may be cleaned up on the way.
   */
  void announceWorker(WorkerInfo worker, Duration ttl);

  /** Removes a worker's announcement at once (it is shutting down). Unknown ids are ignored. */
  void retireWorker(String workerId);

  /** The workers whose announcement has not lapsed, oldest first; at most 1,000. */
  List<WorkerInfo> workers();

  /** Releases connections and threads. */
  @Override
  void close();
}
