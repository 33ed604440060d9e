package dev.ferry.server.http;

import dev.ferry.server.web.Sessions;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Auth: with a token configured, every {@code /api} and {@code /metrics} request must carry
 * {@code Authorization: Bearer <token>} (compared in constant time) or the dashboard's session
 * cookie; health checks stay open. A state-changing request authenticated by the cookie must also
 * carry its session's {@code X-CSRF-Token}, so another site cannot act with the browser's cookie.
 * Whatever the auth, a browser's state-changing request from another origin ({@code Origin} not
 * this host, or {@code Sec-Fetch-Site: cross-site}) is refused: a server on loopback without a
 * token must not be drivable by any web page the operator happens to open.
 */
final class Auth {
  private final byte[] token;
  private final Sessions sessions;

  /**
   * @param token the shared token, or null for none (then the server must bind to loopback)
   * @param sessions the dashboard's sessions
   */
  Auth(String token, Sessions sessions) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.sessions = sessions;
  }

  boolean enabled() {
    return token != null;
  }

  /** Whether {@code given} is the server's token (constant time). */
  boolean matches(String given) {
    return token != null && given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
  }

  /** The dashboard session of this request's cookie, or null. */
  Sessions.Session session(Context ctx) {
    return sessions.find(ctx.cookie(Sessions.COOKIE));
  }

  void check(Context ctx) {
    if (changesState(ctx)) {
      checkSameOrigin(ctx);
    }
    if (token == null || !needsToken(ctx.path())) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null) {
      Sessions.Session s = session(ctx);
      if (s != null) {
        checkCsrf(ctx, s);
        return;
      }
    }
    if (header == null || !header.startsWith("Bearer ")) {
      throw new ApiException(401, "Unauthorized",
          "send Authorization: Bearer <token> (the server's --token), or log in to the dashboard at /");
    }
    if (!matches(header.substring("Bearer ".length()).trim())) {
      throw new ApiException(401, "Unauthorized", "the bearer token is not the server's --token");
    }
  }

  private static boolean changesState(Context ctx) {
    String method = ctx.method().name();
    return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
  }

  private static void checkSameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    String host = ctx.header("Host");
    boolean foreignOrigin = origin != null && host != null
        && !origin.equalsIgnoreCase("http://" + host) && !origin.equalsIgnoreCase("https://" + host);
    if (foreignOrigin || "cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
      throw new ApiException(403, "Forbidden",
          "a state-changing request from another site (Origin " + origin + ") is refused; call the API from its own dashboard or without a browser");
    }
  }

  private static void checkCsrf(Context ctx, Sessions.Session s) {
    if (!changesState(ctx)) {
      return;
    }
    String given = ctx.header(Sessions.CSRF_HEADER);
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        s.csrfToken().getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(403, "Forbidden",
          "a request authenticated by the session cookie must send the page's " + Sessions.CSRF_HEADER + " header");
    }
  }

  private static boolean needsToken(String path) {
    return path.startsWith("/api") || path.startsWith("/metrics");
  }
}
