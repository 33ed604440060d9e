package dev.ferry.internal;

import dev.ferry.spi.Lease;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The jobs a worker holds right now, by job id: what the heartbeat extends and shutdown hands back. */
public final class InFlight {
  private final ConcurrentHashMap<String, RunningJob> jobs = new ConcurrentHashMap<>();

  public void add(RunningJob job) {
    jobs.put(job.id(), job);
  }

  public void remove(RunningJob job) {
    jobs.remove(job.id(), job);
    synchronized (this) {
      notifyAll();
    }
  }

  public List<Lease> leases() {
    List<Lease> out = new ArrayList<>(jobs.size());
    for (RunningJob j : jobs.values()) {
      out.add(j.lease());
    }
    return out;
  }

  public RunningJob get(String jobId) {
    return jobs.get(jobId);
  }

  public Collection<RunningJob> all() {
    return List.copyOf(jobs.values());
  }

  /**
   * The held jobs whose handler has not ended: claimed or running. Left out are jobs whose
   * settlement is on its way (or that shutdown handed back); they hold a lease but no handler.
   */
  public List<RunningJob> running() {
    List<RunningJob> out = new ArrayList<>(jobs.size());
    for (RunningJob j : jobs.values()) {
      if (!j.isSettling()) {
        out.add(j);
      }
    }
    return out;
  }

  public int size() {
    return jobs.size();
  }

  /** Waits until no job is held or {@code deadlineNanos} (System.nanoTime) passes. */
  public synchronized boolean awaitEmpty(long deadlineNanos) throws InterruptedException {
    while (!jobs.isEmpty()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
