package dev.ferry.internal;

import dev.ferry.JobEvent;
import dev.ferry.JobEvent.Kind;
import dev.ferry.spi.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Turns what happened to a running job into its lifecycle events. */
final class LifecycleEvents {
  private LifecycleEvents() {}

  static JobEvent started(RunningJob job, Instant now) {
    long waited = Math.max(0, now.toEpochMilli() - job.claimed().readyAtMillis());
    return new JobEvent(Kind.STARTED, job.id(), job.queue(), job.type(), job.attempt(), now, null, Duration.ofMillis(waited), null);
  }

  /** The events of an applied settlement; a hand-back (release) has none. */
  static List<JobEvent> settled(RunningJob job, Settlement s, Duration ran, Instant now) {
    if (s instanceof Settlement.Complete) {
      return List.of(event(Kind.COMPLETED, job, now, ran, null));
    } else if (s instanceof Settlement.Retry r) {
      String error = firstLine(r.error());
      return List.of(event(Kind.FAILED, job, now, ran, error), event(Kind.RETRIED, job, now, null, error));
    } else if (s instanceof Settlement.Dead d) {
      String error = firstLine(d.error());
      return List.of(event(Kind.FAILED, job, now, ran, error), event(Kind.DEAD, job, now, null, error));
    } else if (s instanceof Settlement.Snooze) {
      return List.of(event(Kind.SNOOZED, job, now, ran, null));
    }
    return List.of();
  }

  private static JobEvent event(Kind kind, RunningJob job, Instant now, Duration ran, String error) {
    return new JobEvent(kind, job.id(), job.queue(), job.type(), job.attempt(), now, ran, null, error);
  }

  static String firstLine(String s) {
    if (s == null) {
      return null;
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 500 ? line.substring(0, 500) : line;
  }
}
