package dev.ferry.memory;

import dev.ferry.JobState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The structures of one queue in the in-memory broker, one per state, as in Redis. */
final class MemoryQueue {
  /** Claim order: first = next to claim. */
  final Deque<String> pending = new ArrayDeque<>();
  final ScoredSet scheduled = new ScoredSet();
  final ScoredSet retry = new ScoredSet();
  final ScoredSet active = new ScoredSet();
  final ScoredSet completed = new ScoredSet();
  final ScoredSet dead = new ScoredSet();
  final ScoredSet cancelled = new ScoredSet();
  final Map<String, StoredJob> jobs = new HashMap<>();

  /** The sorted structure of a state; pending (a list) has none. */
  ScoredSet sorted(JobState state) {
    return switch (state) {
      case SCHEDULED -> scheduled;
      case RETRY -> retry;
      case ACTIVE -> active;
      case COMPLETED -> completed;
      case DEAD -> dead;
      case CANCELLED -> cancelled;
      case PENDING -> throw new IllegalArgumentException("pending is a list");
    };
  }

  /** Takes the job out of the structure of its current state. */
  void detach(StoredJob job) {
    if (job.state == JobState.PENDING) {
      pending.remove(job.id);
    } else {
      sorted(job.state).remove(job.id);
    }
  }

  void delete(StoredJob job) {
    detach(job);
    jobs.remove(job.id);
  }
}
