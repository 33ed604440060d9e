package dev.ferry.memory;

import dev.ferry.WorkerInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The in-memory worker registry: announcements that lapse after their ttl. */
final class MemoryWorkers {
  private record Announcement(WorkerInfo worker, Instant lapsesAt) {}

  private final Clock clock;
  private final Map<String, Announcement> byId = new HashMap<>();

  MemoryWorkers(Clock clock) {
    this.clock = clock;
  }

  synchronized void announce(WorkerInfo worker, Duration ttl) {
    byId.put(worker.id(), new Announcement(worker, clock.instant().plus(ttl)));
  }

  synchronized void retire(String workerId) {
    byId.remove(workerId);
  }

  synchronized List<WorkerInfo> live() {
    Instant now = clock.instant();
    byId.values().removeIf(a -> !a.lapsesAt().isAfter(now));
    List<WorkerInfo> out = new ArrayList<>();
    byId.values().forEach(a -> out.add(a.worker()));
    out.sort(Comparator.comparing(WorkerInfo::startedAt).thenComparing(WorkerInfo::id));
    return out.size() > 1000 ? out.subList(0, 1000) : out;
  }
}
