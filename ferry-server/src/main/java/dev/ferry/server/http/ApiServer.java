package dev.ferry.server.http;

import dev.ferry.JobClient;
import dev.ferry.server.web.Dashboard;
import dev.ferry.server.web.Sessions;
import dev.ferry.spi.Broker;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The HTTP server of {@code ferry server}: the JSON API under {@code /api}, {@code /metrics},
 * {@code /healthz} and {@code /readyz}, and the web dashboard at {@code /}, on Javalin.
 */
public final class ApiServer implements AutoCloseable {
  /** The largest request body accepted: the 1 MiB payload limit plus room for its JSON escaping. */
  public static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  /**
   * How to serve.
   *
   * @param bind the address to listen on
   * @param port the port (0 = any free one)
   * @param token the bearer token, or null; required unless {@code bind} is a loopback address
   * @param metrics the Prometheus exposition for {@code /metrics}, or null (then 404)
   */
  public record Options(String bind, int port, String token, Supplier<String> metrics) {
    public Options {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
      }
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("--token must not be blank");
      }
      if (token == null && !isLoopback(bind)) {
        throw new IllegalArgumentException("binding to " + bind + " (beyond this machine) needs a token:"
            + " pass --token or set FERRY_TOKEN, or bind to 127.0.0.1");
      }
    }
  }

  private final Javalin app;
  private final List<RouteTable.Route> routes;
  private final Dashboard dashboard;

  private ApiServer(Javalin app, List<RouteTable.Route> routes, Dashboard dashboard) {
    this.app = app;
    this.routes = routes;
    this.dashboard = dashboard;
  }

  /** Starts serving {@code broker}; returns once the port is bound. */
  public static ApiServer start(Broker broker, Options options) {
    return start(broker, JobClient.create(broker), options);
  }

  /**
   * Starts serving {@code broker}, enqueueing through {@code client} (e.g. one with a metrics
   * listener, so HTTP enqueues are counted); returns once the port is bound.
   */
  public static ApiServer start(Broker broker, JobClient client, Options options) {
    Sessions sessions = new Sessions();
    Auth auth = new Auth(options.token(), sessions);
    RouteTable[] table = new RouteTable[1];
    Dashboard[] dashboard = new Dashboard[1];
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.http.maxRequestSize = MAX_BODY_BYTES;
      cfg.http.prefer405over404 = true;
      RouteTable routes = new RouteTable(cfg.routes);
      table[0] = routes;
      cfg.routes.before(auth::check);
      Problems.install(cfg.routes);
      cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
          Problems.write(ctx, e.getStatus(), "Request refused", refusal(e)));
      new JobRoutes(broker, client).register(routes);
      new QueueRoutes(broker).register(routes);
      new EventStream(broker).register(routes);
      dashboard[0] = Dashboard.install(cfg, routes, broker, sessions, auth.enabled() ? auth::matches : null);
      routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
      routes.get("/readyz", ctx -> {
        try {
          broker.queues();
          ctx.contentType("application/json").result("{\"status\":\"ready\"}");
        } catch (RuntimeException e) {
          Problems.write(ctx, 503, "Not ready", "the broker is unreachable: " + e.getMessage());
        }
      });
      routes.get("/metrics", ctx -> {
        if (options.metrics() == null) {
          throw ApiException.notFound("metrics are not enabled on this server");
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(options.metrics().get());
      });
      String openApi = openApi();
      routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    });
    try {
      app.start(options.bind(), options.port());
    } catch (RuntimeException e) {
      dashboard[0].close();
      throw e;
    }
    return new ApiServer(app, table[0].all(), dashboard[0]);
  }

  private static String refusal(HttpResponseException e) {
    if (e.getStatus() == 413) {
      return "the request body is over " + MAX_BODY_BYTES + " bytes (payloads are limited to 1 MiB)";
    }
    if (e.getStatus() == 404 || e.getStatus() == 405) {
      return e.getMessage() + " (the routes are listed in /api/openapi.json)";
    }
    return e.getMessage();
  }

  /** The OpenAPI 3 document served at {@code /api/openapi.json}. */
  public static String openApi() {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the server's resources");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Every route the server registered (method and Javalin path). */
  public List<RouteTable.Route> routes() {
    return routes;
  }

  @Override
  public void close() {
    dashboard.close();
    app.stop();
  }

  static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + bind + " is not an address of this machine");
    }
  }
}
