package dev.ferry.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Bearer-token auth: with a token configured, every {@code /api} and {@code /metrics} request must
 * carry {@code Authorization: Bearer <token>} (compared in constant time); health checks stay open.
 */
final class Auth {
  private final byte[] token;

  /** @param token the shared token, or null for none (then the server must bind to loopback) */
  Auth(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  boolean enabled() {
    return token != null;
  }

  void check(Context ctx) {
    if (token == null || !needsToken(ctx.path())) {
      return;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      throw new ApiException(401, "Unauthorized", "send Authorization: Bearer <token> (the server's --token)");
    }
    byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiException(401, "Unauthorized", "the bearer token is not the server's --token");
    }
  }

  private static boolean needsToken(String path) {
    return path.startsWith("/api") || path.startsWith("/metrics");
  }
}
