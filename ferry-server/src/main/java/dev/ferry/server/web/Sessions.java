package dev.ferry.server.web;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions, kept in this server's memory: a login with the server's token creates one,
 * identified by a random id in an HttpOnly cookie; each session has its own CSRF token that every
 * state-changing request it authenticates must echo in {@code X-CSRF-Token}.
 */
public final class Sessions {
  /** The session cookie's name. */
  public static final String COOKIE = "ferry_session";
  /** The header a cookie-authenticated state-changing request must carry. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  /** How long a session lasts after login. */
  public static final Duration TTL = Duration.ofHours(12);

  /** One logged-in browser. */
  public record Session(String id, String csrfToken, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  /** Starts a session. */
  public Session create() {
    byId.values().removeIf(s -> s.expires().isBefore(Instant.now()));
    Session s = new Session(randomId(), randomId(), Instant.now().plus(TTL));
    byId.put(s.id(), s);
    return s;
  }

  /** The live session with {@code id}, or null (unknown, expired or null id). */
  public Session find(String id) {
    if (id == null) {
      return null;
    }
    Session s = byId.get(id);
    if (s != null && s.expires().isBefore(Instant.now())) {
      byId.remove(id);
      return null;
    }
    return s;
  }

  private String randomId() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
