package dev.ferry.http;

/** The server refused a request (a 4xx or 5xx problem), or could not be reached (status 0). */
public final class FerryHttpException extends RuntimeException {
  private final int status;
  private final String title;

  public FerryHttpException(int status, String title, String detail, Throwable cause) {
    super(status == 0 ? detail : status + " " + title + ": " + detail, cause);
    this.status = status;
    this.title = title;
  }

  /** The HTTP status; 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The problem's title, e.g. "Bad request". */
  public String title() {
    return title;
  }
}
