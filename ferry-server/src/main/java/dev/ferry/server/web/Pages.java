package dev.ferry.server.web;

import dev.ferry.server.http.ApiException;
import dev.ferry.server.http.RouteTable;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * {@code GET /}: the dashboard page, or the login page when the server has a token and the
 * browser no session; {@code POST /login}: trades the token for a session cookie.
 */
final class Pages {
  private static final String CSRF_PLACEHOLDER = "{{csrf}}";

  private final Sessions sessions;
  private final Predicate<String> isToken;
  private final String index = read("index.html");
  private final String login = read("login.html");

  Pages(Sessions sessions, Predicate<String> isToken) {
    this.sessions = sessions;
    this.isToken = isToken;
  }

  void register(RouteTable routes) {
    routes.get("/", this::page);
    routes.post("/login", this::login);
  }

  private void page(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    if (isToken == null) {
      ctx.html(index.replace(CSRF_PLACEHOLDER, ""));
      return;
    }
    Sessions.Session s = sessions.find(ctx.cookie(Sessions.COOKIE));
    ctx.html(s == null ? login : index.replace(CSRF_PLACEHOLDER, s.csrfToken()));
  }

  private void login(Context ctx) {
    if (isToken == null) {
      throw new ApiException(404, "Not found", "this server has no token: open / without logging in");
    }
    String given = ctx.formParam("token");
    if (given == null || given.isBlank()) {
      throw new ApiException(400, "Bad request", "send the server's token as the form field 'token'");
    }
    if (!isToken.test(given)) {
      throw new ApiException(401, "Unauthorized", "that is not the server's --token");
    }
    Sessions.Session s = sessions.create();
    ctx.header("Set-Cookie", Sessions.COOKIE + "=" + s.id() + "; Path=/; Max-Age=" + Sessions.TTL.toSeconds()
        + "; HttpOnly; SameSite=Strict");
    ctx.status(204);
  }

  private static String read(String name) {
    try (InputStream in = Pages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the dashboard's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
