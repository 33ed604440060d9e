package dev.ferry.memory;

import dev.ferry.JobEvent;
import dev.ferry.spi.EventBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The in-memory broker's capped per-queue event log; cursors are a global sequence number. */
final class EventLog {
  private record Entry(long seq, JobEvent event) {}

  private final int capPerQueue;
  private final Map<String, Deque<Entry>> byQueue = new HashMap<>();
  private long seq;

  EventLog(int capPerQueue) {
    this.capPerQueue = capPerQueue;
  }

  /** Appends; the caller holds the broker's lock and notifies waiting readers. */
  void append(JobEvent e) {
    Deque<Entry> log = byQueue.computeIfAbsent(e.queue(), q -> new ArrayDeque<>());
    log.addLast(new Entry(++seq, e));
    while (log.size() > capPerQueue) {
      log.pollFirst();
    }
  }

  long head() {
    return seq;
  }

  EventBatch after(Collection<String> queues, long after, int max) {
    List<Entry> found = new ArrayList<>();
    for (String q : queues) {
      for (Entry e : byQueue.getOrDefault(q, new ArrayDeque<>())) {
        if (e.seq > after) {
          found.add(e);
        }
      }
    }
    found.sort(Comparator.comparingLong(Entry::seq));
    List<Entry> page = found.subList(0, Math.min(max, found.size()));
    long last = page.isEmpty() ? after : page.get(page.size() - 1).seq;
    return new EventBatch(page.stream().map(Entry::event).toList(), Long.toString(last));
  }
}
