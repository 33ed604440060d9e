package dev.ferry.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Registers routes with Javalin and remembers them, so the OpenAPI document can be checked against
 * the routes that really exist.
 */
public final class RouteTable {
  /** One registered route: an HTTP method and a Javalin path ({@code {param}} placeholders). */
  public record Route(String method, String path) {}

  private final RoutesConfig routes;
  private final List<Route> all = new ArrayList<>();

  RouteTable(RoutesConfig routes) {
    this.routes = routes;
  }

  public void get(String path, Handler h) {
    all.add(new Route("GET", path));
    routes.get(path, h);
  }

  public void post(String path, Handler h) {
    all.add(new Route("POST", path));
    routes.post(path, h);
  }

  public void delete(String path, Handler h) {
    all.add(new Route("DELETE", path));
    routes.delete(path, h);
  }

  public void sse(String path, Consumer<SseClient> client) {
    all.add(new Route("GET", path));
    routes.sse(path, client);
  }

  /** A before-handler for {@code path} (not a route of its own). */
  public void before(String path, Handler h) {
    routes.before(path, h);
  }

  List<Route> all() {
    return List.copyOf(all);
  }
}
