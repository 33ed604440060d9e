package dev.ferry;

/**
 * Runs jobs of one type. Handlers must be idempotent: delivery is at-least-once, so a job may run
 * again after a crash or a lost lease.
 *
 * <pre>{@code
 * JobHandler welcome = job -> {
 *   Welcome w = job.payloadAs(Welcome.class);
 *   mailer.send(w.user());
 *   return JobOutcome.success();
 * };
 * }</pre>
 */
@FunctionalInterface
public interface JobHandler {

  /**
   * Runs one attempt. Return an outcome, or throw: any exception counts as a failed attempt
   * ({@link JobOutcome#retry}). Honour {@link JobContext#isCancelled()} and interrupts: the worker
   * interrupts the handler when the job's timeout passes or its lease is lost.
   */
  JobOutcome handle(JobContext job) throws Exception;
}
