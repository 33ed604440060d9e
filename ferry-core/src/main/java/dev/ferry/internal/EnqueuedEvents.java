package dev.ferry.internal;

import dev.ferry.EnqueueResult;
import dev.ferry.JobEvent;
import dev.ferry.spi.JobSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The "enqueued" events of an enqueue: one per job created, none for a duplicate. */
public final class EnqueuedEvents {
  private EnqueuedEvents() {}

  /** Events for {@code specs} whose {@code results} (same order) created a job, stamped {@code at}. */
  public static List<JobEvent> of(List<JobSpec> specs, List<EnqueueResult> results, Instant at) {
    List<JobEvent> events = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      EnqueueResult r = results.get(i);
      if (!r.duplicate()) {
        events.add(JobEvent.of(JobEvent.Kind.ENQUEUED, r.id(), r.queue(), specs.get(i).type(), 0, at));
      }
    }
    return events;
  }
}
