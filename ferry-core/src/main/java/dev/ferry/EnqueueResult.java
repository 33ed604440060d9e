package dev.ferry;

/**
 * What an enqueue did: the job it created, or, for a duplicate, the job that already holds the
 * uniqueness key or id (and nothing was written).
 *
 * @param id the new job's id, or the id of the job that holds the uniqueness key
 * @param queue the queue
 * @param state the new job's initial state ({@code pending} or {@code scheduled}), or the state
 *     of the existing job for a duplicate (null if it is no longer stored)
 * @param duplicate true when the enqueue was refused as a duplicate
 */
public record EnqueueResult(String id, String queue, JobState state, boolean duplicate) {
  public static EnqueueResult created(String id, String queue, JobState state) {
    return new EnqueueResult(id, queue, state, false);
  }

  public static EnqueueResult duplicateOf(String id, String queue, JobState state) {
    return new EnqueueResult(id, queue, state, true);
  }
}
