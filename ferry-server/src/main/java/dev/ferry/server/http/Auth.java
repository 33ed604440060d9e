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

  private static void checkCsrf(Context ctx, Sessions.Session s) {
    String method = ctx.method().name();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
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
