package dev.ferry.internal;

import dev.ferry.JobContext;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.Lease;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One job a worker holds: its lease, the handler thread running it, and its cancellation flag.
 * It is also the {@link JobContext} the handler sees.
 */
public final class RunningJob implements JobContext {
  /** Why a running job was told to stop. */
  public enum StopReason {
    TIMEOUT,
    LEASE_LOST,
    SHUTDOWN
  }

  private final ClaimedJob job;
  private final long timeoutMillis;
  private volatile Instant deadline;
  private final AtomicBoolean settling = new AtomicBoolean();
  private volatile Instant startedAt;
  private volatile StopReason stopReason;
  private volatile Thread thread;

  /**
   * @param job the claimed job
   * @param timeoutMillis this attempt's timeout: the job's own, or the worker's default
   */
  public RunningJob(ClaimedJob job, long timeoutMillis) {
    this.job = job;
    this.timeoutMillis = timeoutMillis;
    begin(); // from the claim until the run begins, then again from there
  }

  /** Marks the start of the run (the job may have waited for a thread since it was claimed): the deadline counts from now. */
  void begin() {
    Instant now = Instant.now();
    startedAt = now;
    deadline = now.plusMillis(timeoutMillis);
  }

  /** When this attempt started running here. */
  public Instant startedAt() {
    return startedAt;
  }

  /** This attempt's timeout in ms. */
  public long timeoutMillis() {
    return timeoutMillis;
  }

  public ClaimedJob claimed() {
    return job;
  }

  public Lease lease() {
    return job.lease();
  }

  /** Records the thread running the handler, so a stop can interrupt it. */
  void bind(Thread t) {
    thread = t;
    if (stopReason != null) {
      t.interrupt();
    }
  }

  void unbind() {
    thread = null;
  }

  /** Tells the handler to stop: sets the flag it can poll and interrupts its thread. */
  public void stop(StopReason reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  public StopReason stopReason() {
    return stopReason;
  }

  /**
   * Takes the one right to settle this job: the handler's end and shutdown's hand-back race for
   * it, and only the winner may send a settlement (the loser's would be refused as stale).
   */
  public boolean claimSettlement() {
    return settling.compareAndSet(false, true);
  }

  /** Whether the right to settle was taken: the handler ended or shutdown handed the job back. */
  public boolean isSettling() {
    return settling.get();
  }

  @Override
  public String id() {
    return job.id();
  }

  @Override
  public String type() {
    return job.type();
  }

  @Override
  public String queue() {
    return job.queue();
  }

  @Override
  public byte[] payload() {
    return job.payload();
  }

  @Override
  public <T> T payloadAs(Class<T> type) {
    return Json.read(job.payload(), type);
  }

  @Override
  public String payloadText() {
    return new String(job.payload(), StandardCharsets.UTF_8);
  }

  @Override
  public int attempt() {
    return job.attempt();
  }

  @Override
  public int maxRetries() {
    return job.maxRetries();
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public boolean isCancelled() {
    return stopReason != null;
  }

  @Override
  public String toString() {
    return "job " + job.id() + " (" + job.type() + ", queue " + job.queue() + ", attempt " + job.attempt() + ")";
  }
}
