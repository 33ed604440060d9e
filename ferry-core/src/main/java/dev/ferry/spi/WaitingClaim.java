package dev.ferry.spi;

import java.time.Duration;
import java.util.List;

/**
 * An idle worker's claim that waits on one queue: when nothing is pending it blocks until a job
 * is, then claims it in the same step, so the job reaches the worker without a wake-up message or
 * a second round trip (see {@link Broker#waitingClaim}).
 *
 * <p>One caller at a time: the worker's claim loop owns it. No job is lost by closing it, by a
 * timeout or by a crash while it waits: a job is only ever moved by the claim itself.
 */
public interface WaitingClaim extends AutoCloseable {

  /**
   * What one waiting claim did.
   *
   * @param jobs the jobs claimed, each under a new lease (empty when none)
   * @param stalled true when a job was pending but none could be claimed: the queue is paused, or
   *     another worker took the jobs first. Waiting again here would return at once, so the caller
   *     waits on the queue's {@link WorkSignal} instead before it claims again.
   */
  record Outcome(List<ClaimedJob> jobs, boolean stalled) {
    public Outcome {
      jobs = List.copyOf(jobs);
    }
  }

  /**
   * Claims up to {@code max} jobs of the queue, each under a lease of {@code leaseTimeout}; when
   * none is pending, first waits up to {@code wait} for one (a broker may cap the wait: the Redis
   * broker waits at most 5 s per call). Returns an empty, not stalled outcome when the wait ran
   * out, or when {@link #close} ended it.
   *
   * @throws dev.ferry.FerryException while the broker is unreachable (callers retry)
   */
  Outcome claim(int max, Duration leaseTimeout, Duration wait);

  /** Ends a wait in progress (its claim still answers) and releases the line; idempotent. */
  @Override
  void close();
}
