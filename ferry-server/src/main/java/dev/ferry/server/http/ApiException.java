package dev.ferry.server.http;

/** A request the API refuses, answered as {@code application/problem+json} with this status. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String title;

  public ApiException(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad request", detail);
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, "Not found", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
