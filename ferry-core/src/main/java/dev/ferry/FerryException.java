package dev.ferry;

/**
 * The root of Ferry's exceptions; carries the job id and queue when the failure concerns one job.
 */
public class FerryException extends RuntimeException {
  private final String jobId;
  private final String queue;

  public FerryException(String message) {
    this(message, null, null, null);
  }

  public FerryException(String message, Throwable cause) {
    this(message, null, null, cause);
  }

  public FerryException(String message, String jobId, String queue, Throwable cause) {
    super(decorate(message, jobId, queue), cause);
    this.jobId = jobId;
    this.queue = queue;
  }

  private static String decorate(String message, String jobId, String queue) {
    StringBuilder b = new StringBuilder(message);
    if (jobId != null || queue != null) {
      b.append(" (");
      if (jobId != null) {
        b.append("job ").append(jobId);
      }
      if (queue != null) {
        b.append(jobId != null ? ", " : "").append("queue ").append(queue);
      }
      b.append(')');
    }
    return b.toString();
  }

  /** The job this failure concerns, or null. */
  public String jobId() {
    return jobId;
  }

  /** The queue this failure concerns, or null. */
  public String queue() {
    return queue;
  }
}
