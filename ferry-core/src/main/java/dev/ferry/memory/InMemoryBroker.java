package dev.ferry.memory;

import dev.ferry.EnqueueResult;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.JobState;
import dev.ferry.QueueCounts;
import dev.ferry.Retention;
import dev.ferry.WorkerInfo;
import dev.ferry.internal.EnqueuedEvents;
import dev.ferry.spi.Broker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.JobSpec;
import dev.ferry.spi.Lease;
import dev.ferry.spi.MaintenanceResult;
import dev.ferry.spi.SettleResult;
import dev.ferry.spi.Settlement;
import dev.ferry.spi.WorkSignal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A broker that keeps everything in this JVM's memory: the embedded default of {@code ferry demo}
 * and the sandbox for unit-testing handlers with a real {@code Worker}.
 *
 * <p>It implements every transition of the Redis broker with the same semantics and passes the
 * same contract suite; each method runs under one lock, so each is atomic. Nothing survives the
 * JVM. Inject a {@link Clock} to control due times and lease expiry in tests.
 */
public final class InMemoryBroker implements Broker {
  private final Clock clock;
  private final Map<String, MemoryQueue> queues = new TreeMap<>();
  private final Map<String, UniqueHold> unique = new java.util.HashMap<>();
  private final WakeHub wakes = new WakeHub();
  private final java.util.Set<String> paused = new java.util.HashSet<>();
  private final EventLog events = new EventLog(10_000);
  private final MemoryWorkers workers;

  private record UniqueHold(String jobId, long expiresAt) {}

  /** A broker on the system clock. */
  public InMemoryBroker() {
    this(Clock.systemUTC());
  }

  /** A broker on {@code clock}. */
  public InMemoryBroker(Clock clock) {
    this.clock = clock;
    this.workers = new MemoryWorkers(clock);
  }

  /** The enqueued lines carry this broker's clock, as every other time it keeps does. */
  @Override
  public List<EnqueueResult> enqueueLogged(List<JobSpec> jobs) {
    List<EnqueueResult> results = enqueue(jobs);
    appendEvents(EnqueuedEvents.of(jobs, results, clock.instant()));
    return results;
  }

  @Override
  public synchronized List<EnqueueResult> enqueue(List<JobSpec> specs) {
    List<EnqueueResult> out = new ArrayList<>(specs.size());
    for (JobSpec s : specs) {
      out.add(enqueueOne(s));
    }
    return out;
  }

  private EnqueueResult enqueueOne(JobSpec s) {
    long now = clock.millis();
    MemoryQueue q = queues.computeIfAbsent(s.queue(), k -> new MemoryQueue());
    if (s.callerGivenId() && q.jobs.containsKey(s.id())) {
      return EnqueueResult.duplicateOf(s.id(), s.queue(), q.jobs.get(s.id()).state);
    }
    if (s.uniqueKey() != null) {
      String key = s.queue() + "\u0000" + s.uniqueKey();
      UniqueHold hold = unique.get(key);
      if (hold != null && hold.expiresAt > now) {
        StoredJob holder = q.jobs.get(hold.jobId);
        return EnqueueResult.duplicateOf(hold.jobId, s.queue(), holder == null ? null : holder.state);
      }
      unique.put(key, new UniqueHold(s.id(), now + s.uniqueTtlMillis()));
    }
    StoredJob job = new StoredJob(s.id(), s.type(), s.queue(), s.payload(), s.maxRetries(), s.timeoutMillis(), now);
    job.dueAt = now + s.delayMillis();
    q.jobs.put(job.id, job);
    if (s.delayMillis() > 0) {
      job.state = JobState.SCHEDULED;
      q.scheduled.add(job.id, job.dueAt);
    } else {
      job.state = JobState.PENDING;
      q.pending.addLast(job.id);
      wakes.fire(s.queue());
    }
    return EnqueueResult.created(job.id, s.queue(), job.state);
  }

  @Override
  public synchronized List<ClaimedJob> claim(List<String> queueOrder, int max, Duration leaseTimeout) {
    long now = clock.millis();
    long deadline = now + leaseTimeout.toMillis();
    List<ClaimedJob> out = new ArrayList<>();
    for (String name : queueOrder) {
      MemoryQueue q = paused.contains(name) ? null : queues.get(name);
      while (q != null && out.size() < max && !q.pending.isEmpty()) {
        StoredJob job = q.jobs.get(q.pending.pollFirst());
        if (job == null) {
          continue;
        }
        job.moveTo(JobState.ACTIVE, now);
        job.token++;
        job.attempt++;
        q.active.add(job.id, deadline);
        out.add(
            new ClaimedJob(
                new Lease(name, job.id, job.token),
                job.type,
                job.payload.clone(),
                job.attempt,
                job.maxRetries,
                job.timeoutMillis,
                job.dueAt,
                deadline));
      }
    }
    return out;
  }

  @Override
  public WorkSignal workSignal(Collection<String> queueNames) {
    return wakes.open(queueNames);
  }

  @Override
  public synchronized List<SettleResult> settle(List<Settlement> settlements) {
    List<SettleResult> out = new ArrayList<>(settlements.size());
    for (Settlement s : settlements) {
      out.add(settleOne(s));
    }
    return out;
  }

  private SettleResult settleOne(Settlement s) {
    long now = clock.millis();
    MemoryQueue q = queues.get(s.lease().queue());
    StoredJob job = held(q, s.lease());
    if (job == null) {
      return SettleResult.STALE;
    }
    q.active.remove(job.id);
    if (s instanceof Settlement.Complete) {
      job.moveTo(JobState.COMPLETED, now);
      q.completed.add(job.id, now);
    } else if (s instanceof Settlement.Retry r) {
      job.moveTo(JobState.RETRY, now);
      job.error = r.error();
      job.dueAt = now + r.delayMillis();
      q.retry.add(job.id, job.dueAt);
    } else if (s instanceof Settlement.Dead d) {
      job.moveTo(JobState.DEAD, now);
      job.error = d.error();
      q.dead.add(job.id, now);
    } else if (s instanceof Settlement.Snooze z) {
      job.moveTo(JobState.SCHEDULED, now);
      job.attempt--;
      job.dueAt = now + z.delayMillis();
      q.scheduled.add(job.id, job.dueAt);
    } else if (s instanceof Settlement.Release) {
      job.moveTo(JobState.PENDING, now);
      job.attempt--;
      q.pending.addFirst(job.id);
      wakes.fire(job.queue);
    }
    return SettleResult.OK;
  }

  /** The job if {@code lease} still holds it (active, same token), else null. */
  private static StoredJob held(MemoryQueue q, Lease lease) {
    if (q == null || !q.active.contains(lease.jobId())) {
      return null;
    }
    StoredJob job = q.jobs.get(lease.jobId());
    return job != null && job.token == lease.token() ? job : null;
  }

  @Override
  public synchronized List<SettleResult> extendLeases(List<Lease> leases, Duration leaseTimeout) {
    long deadline = clock.millis() + leaseTimeout.toMillis();
    List<SettleResult> out = new ArrayList<>(leases.size());
    for (Lease lease : leases) {
      MemoryQueue q = queues.get(lease.queue());
      StoredJob job = held(q, lease);
      if (job == null) {
        out.add(SettleResult.STALE);
      } else {
        q.active.add(job.id, deadline);
        out.add(SettleResult.OK);
      }
    }
    return out;
  }

  @Override
  public synchronized MaintenanceResult promoteDue(String queue, int limit) {
    MemoryQueue q = queues.get(queue);
    if (q == null) {
      return new MaintenanceResult(0, -1);
    }
    long now = clock.millis();
    int moved = 0;
    for (ScoredSet from : List.of(q.scheduled, q.retry)) {
      for (String id : from.upTo(now, limit - moved)) {
        StoredJob job = q.jobs.get(id);
        from.remove(id);
        job.moveTo(JobState.PENDING, now);
        q.pending.addLast(id);
        moved++;
      }
    }
    if (moved > 0) {
      wakes.fire(queue);
    }
    long a = q.scheduled.firstScore();
    long b = q.retry.firstScore();
    long next = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    return new MaintenanceResult(moved, next);
  }

  @Override
  public synchronized MaintenanceResult reapExpired(String queue, int limit) {
    MemoryQueue q = queues.get(queue);
    if (q == null) {
      return MaintenanceResult.of(0);
    }
    long now = clock.millis();
    int moved = 0;
    for (String id : q.active.upTo(now, limit)) {
      StoredJob job = q.jobs.get(id);
      q.active.remove(id);
      job.error = "lease expired: worker lost during attempt " + job.attempt;
      if (job.attempt > job.maxRetries) {
        job.moveTo(JobState.DEAD, now);
        q.dead.add(id, now);
      } else {
        job.moveTo(JobState.PENDING, now);
        q.pending.addFirst(id);
        wakes.fire(queue);
      }
      moved++;
    }
    return MaintenanceResult.of(moved);
  }

  @Override
  public synchronized MaintenanceResult prune(String queue, Retention retention, int limit) {
    MemoryQueue q = queues.get(queue);
    if (q == null) {
      return MaintenanceResult.of(0);
    }
    long now = clock.millis();
    int deleted = pruneSet(q, q.completed, now - retention.completedFor().toMillis(), retention.completedMax(), limit);
    deleted += pruneSet(q, q.dead, now - retention.deadFor().toMillis(), retention.deadMax(), limit - deleted);
    return MaintenanceResult.of(deleted);
  }

  private static int pruneSet(MemoryQueue q, ScoredSet set, long olderThan, long keepMax, int limit) {
    List<String> victims = new ArrayList<>(set.upTo(olderThan - 1, limit));
    long excess = set.size() - victims.size() - keepMax;
    if (excess > 0 && victims.size() < limit) {
      for (String id : set.range(victims.size(), (int) Math.min(excess, limit - victims.size()))) {
        victims.add(id);
      }
    }
    for (String id : victims) {
      q.delete(q.jobs.get(id));
    }
    return victims.size();
  }

  @Override
  public synchronized Set<String> queues() {
    return new TreeSet<>(queues.keySet());
  }

  @Override
  public synchronized Optional<JobInfo> find(String jobId) {
    for (MemoryQueue q : queues.values()) {
      StoredJob job = q.jobs.get(jobId);
      if (job != null) {
        return Optional.of(job.info());
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized Optional<JobInfo> find(String queue, String jobId) {
    MemoryQueue q = queues.get(queue);
    StoredJob job = q == null ? null : q.jobs.get(jobId);
    return Optional.ofNullable(job).map(StoredJob::info);
  }

  @Override
  public synchronized QueueCounts counts(String queue) {
    MemoryQueue q = queues.get(queue);
    if (q == null) {
      return QueueCounts.EMPTY;
    }
    return new QueueCounts(
        q.pending.size(), q.scheduled.size(), q.active.size(), q.retry.size(),
        q.completed.size(), q.dead.size(), q.cancelled.size());
  }

  @Override
  public synchronized JobPage list(String queue, JobState state, String cursor, int limit) {
    MemoryQueue q = queues.get(queue);
    long offset = Cursors.offset(cursor);
    if (q == null) {
      return new JobPage(List.of(), null);
    }
    List<String> ids =
        state == JobState.PENDING
            ? q.pending.stream().skip(offset).limit(limit).toList()
            : q.sorted(state).range(offset, limit);
    long total = state == JobState.PENDING ? q.pending.size() : q.sorted(state).size();
    List<JobInfo> jobs = ids.stream().map(id -> q.jobs.get(id).info()).toList();
    long next = offset + ids.size();
    return new JobPage(jobs, ids.size() == limit && next < total ? Cursors.of(next) : null);
  }

  @Override
  public synchronized boolean requeueDead(String queue, String jobId) {
    MemoryQueue q = queues.get(queue);
    if (q == null || !q.dead.remove(jobId)) {
      return false;
    }
    StoredJob job = q.jobs.get(jobId);
    job.moveTo(JobState.PENDING, clock.millis());
    job.attempt = 0;
    q.pending.addLast(jobId);
    wakes.fire(queue);
    return true;
  }

  @Override
  public synchronized long requeueDead(String queue, int limit) {
    MemoryQueue q = queues.get(queue);
    if (q == null) {
      return 0;
    }
    long n = 0;
    for (String id : q.dead.range(0, limit)) {
      n += requeueDead(queue, id) ? 1 : 0;
    }
    return n;
  }

  @Override
  public synchronized long purgeDead(String queue, int limit) {
    MemoryQueue q = queues.get(queue);
    if (q == null) {
      return 0;
    }
    List<String> ids = q.dead.range(0, limit);
    for (String id : ids) {
      q.delete(q.jobs.get(id));
    }
    return ids.size();
  }

  @Override
  public synchronized boolean retryNow(String queue, String jobId) {
    MemoryQueue q = queues.get(queue);
    StoredJob job = q == null ? null : q.jobs.get(jobId);
    if (job == null
        || !(job.state == JobState.SCHEDULED || job.state == JobState.RETRY || job.state == JobState.DEAD)) {
      return false;
    }
    q.detach(job);
    if (job.state == JobState.DEAD) {
      job.attempt = 0;
    }
    job.moveTo(JobState.PENDING, clock.millis());
    q.pending.addLast(jobId);
    wakes.fire(queue);
    return true;
  }

  @Override
  public synchronized boolean delete(String queue, String jobId) {
    MemoryQueue q = queues.get(queue);
    StoredJob job = q == null ? null : q.jobs.get(jobId);
    if (job == null) {
      return false;
    }
    q.delete(job);
    return true;
  }

  @Override
  public synchronized void pause(String queue) {
    paused.add(queue);
  }

  @Override
  public synchronized void resume(String queue) {
    if (paused.remove(queue)) {
      wakes.fire(queue);
    }
  }

  @Override
  public synchronized boolean isPaused(String queue) {
    return paused.contains(queue);
  }

  @Override
  public synchronized void appendEvents(List<dev.ferry.JobEvent> list) {
    list.forEach(events::append);
    notifyAll();
  }

  @Override
  public synchronized dev.ferry.spi.EventBatch readEvents(
      Collection<String> queueNames, String cursor, int max, Duration block) throws InterruptedException {
    long after = cursor == null ? events.head() : Cursors.offset(cursor);
    long deadline = System.nanoTime() + block.toNanos();
    dev.ferry.spi.EventBatch batch = events.after(queueNames, after, max);
    while (batch.events().isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
      batch = events.after(queueNames, after, max);
    }
    return batch;
  }

  @Override
  public void announceWorker(WorkerInfo worker, Duration ttl) {
    workers.announce(worker, ttl);
  }

  @Override
  public void retireWorker(String workerId) {
    workers.retire(workerId);
  }

  @Override
  public List<WorkerInfo> workers() {
    return workers.live();
  }

  @Override
  public void close() {
    wakes.closeAll();
  }
}
