package dev.ferry.internal;

import dev.ferry.JobHandler;
import dev.ferry.JobOutcome;
import dev.ferry.RetryPolicy;
import dev.ferry.spi.Settlement;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of one job: finds its handler, enforces its timeout, and turns what the
 * handler did into a {@link Settlement}.
 *
 * <ol>
 *   <li>No handler for the type: dead (or retry, if the worker is configured so).
 *   <li>Returned success: complete. Discard: dead. Snooze: scheduled, attempt given back.
 *   <li>Threw, returned retry, or timed out: retry after the policy's backoff while retries
 *       remain, else dead with the last error.
 * </ol>
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** Longest error text (message and stack trace) stored with a job. */
  static final int MAX_ERROR_CHARS = 8192;

  private final Map<String, JobHandler> handlers;
  private final RetryPolicy retryPolicy;
  private final boolean retryUnknownTypes;
  private final ScheduledExecutorService timer;

  public JobRunner(
      Map<String, JobHandler> handlers,
      RetryPolicy retryPolicy,
      boolean retryUnknownTypes,
      ScheduledExecutorService timer) {
    this.handlers = Map.copyOf(handlers);
    this.retryPolicy = retryPolicy;
    this.retryUnknownTypes = retryUnknownTypes;
    this.timer = timer;
  }

  /** Runs the attempt on the calling thread and returns how to settle it. */
  public Settlement run(RunningJob job) {
    JobHandler handler = handlers.get(job.type());
    if (handler == null) {
      String error = "no handler registered for job type '" + job.type() + "'";
      return retryUnknownTypes ? failed(job, error, null) : new Settlement.Dead(job.lease(), error);
    }
    ScheduledFuture<?> timeout =
        timer.schedule(
            () -> job.stop(RunningJob.StopReason.TIMEOUT), job.timeoutMillis(), TimeUnit.MILLISECONDS);
    JobOutcome outcome;
    Throwable error = null;
    job.bind(Thread.currentThread());
    try {
      outcome = handler.handle(job);
      if (outcome == null) {
        outcome = JobOutcome.retry("handler returned null instead of a JobOutcome");
      }
    } catch (Throwable t) {
      outcome = null;
      error = t;
    } finally {
      timeout.cancel(false);
      job.unbind();
      Thread.interrupted(); // never leak an interrupt meant for this job into the next one
    }
    if (job.stopReason() == RunningJob.StopReason.TIMEOUT && !(outcome instanceof JobOutcome.Success)) {
      return failed(job, "timed out after " + job.timeoutMillis() + " ms", error);
    }
    if (error != null) {
      return failed(job, describe(error), error);
    }
    if (outcome instanceof JobOutcome.Success) {
      return new Settlement.Complete(job.lease());
    } else if (outcome instanceof JobOutcome.Discard d) {
      return new Settlement.Dead(job.lease(), "discarded: " + d.reason());
    } else if (outcome instanceof JobOutcome.Snooze s) {
      return new Settlement.Snooze(job.lease(), s.delay().toMillis());
    } else {
      return failed(job, ((JobOutcome.Retry) outcome).error(), null);
    }
  }

  /** A failed attempt: retry while retries remain, else dead. */
  private Settlement failed(RunningJob job, String error, Throwable cause) {
    String text = truncate(error);
    if (job.attempt() <= job.maxRetries()) {
      long delay;
      try {
        delay = Math.max(0, retryPolicy.backoff(job.attempt(), cause).toMillis());
      } catch (RuntimeException e) {
        LOG.warn("retry policy failed for {}; retrying in 1 s", job, e);
        delay = 1000;
      }
      return new Settlement.Retry(job.lease(), delay, text);
    }
    return new Settlement.Dead(job.lease(), text);
  }

  static String describe(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "\n… (truncated)";
  }
}
