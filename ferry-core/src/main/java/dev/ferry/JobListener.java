package dev.ferry;

/**
 * Receives lifecycle events of jobs (enqueued, started, completed, failed, retried, dead,
 * snoozed); the hook that metrics, tracing and logging bindings plug into, so core needs none of
 * them.
 *
 * <p>Called synchronously on Ferry's threads after the broker confirmed the transition: keep it
 * fast and non-blocking. An exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface JobListener {
  void onEvent(JobEvent event);
}
