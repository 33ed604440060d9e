package dev.ferry.memory;

import dev.ferry.JobInfo;
import dev.ferry.JobState;
import java.time.Duration;
import java.time.Instant;

/** One job record held by the in-memory broker: the twin of a record in the Redis jobs hash. */
final class StoredJob {
  final String id;
  final String type;
  final String queue;
  final byte[] payload;
  final int maxRetries;
  final long timeoutMillis;
  final long createdAt;
  JobState state;
  int attempt;
  long token;
  long updatedAt;
  long dueAt;
  String error;

  StoredJob(String id, String type, String queue, byte[] payload, int maxRetries, long timeoutMillis, long now) {
    this.id = id;
    this.type = type;
    this.queue = queue;
    this.payload = payload.clone();
    this.maxRetries = maxRetries;
    this.timeoutMillis = timeoutMillis;
    this.createdAt = now;
    this.updatedAt = now;
  }

  void moveTo(JobState next, long now) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("job " + id + " cannot move from " + state + " to " + next);
    }
    state = next;
    updatedAt = now;
  }

  JobInfo info() {
    boolean waiting = state == JobState.SCHEDULED || state == JobState.RETRY;
    return new JobInfo(
        id,
        type,
        queue,
        state,
        attempt,
        maxRetries,
        waiting ? Instant.ofEpochMilli(dueAt) : null,
        error,
        Instant.ofEpochMilli(createdAt),
        Instant.ofEpochMilli(updatedAt),
        timeoutMillis > 0 ? Duration.ofMillis(timeoutMillis) : null,
        payload.clone());
  }
}
