package dev.ferry.metrics;

import dev.ferry.JobEvent;
import dev.ferry.JobListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Turns lifecycle events into counters and histograms, labelled by queue and type. */
final class JobMeters implements JobListener {
  private static final Duration MIN = Duration.ofMillis(1);
  private static final Duration MAX = Duration.ofMinutes(30);

  private final MeterRegistry registry;

  JobMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(JobEvent e) {
    switch (e.kind()) {
      case ENQUEUED -> count("ferry.jobs.enqueued", "Jobs stored by an enqueue", e);
      case STARTED -> {
        if (e.waited() != null) {
          timer("ferry.job.pickup.latency", "From enqueue (or due time) to handler start", e)
              .record(e.waited().isNegative() ? Duration.ZERO : e.waited());
        }
      }
      case COMPLETED -> {
        count("ferry.jobs.completed", "Jobs completed", e);
        duration(e);
      }
      case FAILED -> {
        count("ferry.jobs.failed", "Attempts that failed (each is retried or dead)", e);
        duration(e);
      }
      case RETRIED -> count("ferry.jobs.retried", "Failed jobs scheduled to run again", e);
      case DEAD -> count("ferry.jobs.dead", "Jobs that went to the dead set", e);
      case SNOOZED -> count("ferry.jobs.snoozed", "Jobs a handler snoozed", e);
      case CANCELLED -> count("ferry.jobs.cancelled", "Jobs cancelled", e);
    }
  }

  private void duration(JobEvent e) {
    if (e.duration() != null) {
      timer("ferry.job.duration", "How long attempts ran", e).record(e.duration());
    }
  }

  private void count(String name, String help, JobEvent e) {
    Counter.builder(name).description(help).tag("queue", e.queue()).tag("type", e.type()).register(registry).increment();
  }

  private Timer timer(String name, String help, JobEvent e) {
    return Timer.builder(name)
        .description(help)
        .tag("queue", e.queue())
        .tag("type", e.type())
        .publishPercentileHistogram()
        .minimumExpectedValue(MIN)
        .maximumExpectedValue(MAX)
        .register(registry);
  }
}
