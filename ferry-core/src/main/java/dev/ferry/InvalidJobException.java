package dev.ferry;

/**
 * Thrown when a job request or an argument is invalid; nothing has been written when it is thrown.
 */
public class InvalidJobException extends FerryException {
  public InvalidJobException(String message) {
    super(message);
  }

  public InvalidJobException(String message, String jobId, String queue) {
    super(message, jobId, queue, null);
  }
}
