package dev.ferry;

/** How many jobs of one queue are in each state; read in O(1) from the state structures. */
public record QueueCounts(
    long pending, long scheduled, long active, long retry, long completed, long dead, long cancelled) {

  public static final QueueCounts EMPTY = new QueueCounts(0, 0, 0, 0, 0, 0, 0);

  /** The count for one state. */
  public long of(JobState state) {
    return switch (state) {
      case PENDING -> pending;
      case SCHEDULED -> scheduled;
      case ACTIVE -> active;
      case RETRY -> retry;
      case COMPLETED -> completed;
      case DEAD -> dead;
      case CANCELLED -> cancelled;
    };
  }
}
