package dev.ferry.server.web;

import dev.ferry.server.http.RouteTable;
import dev.ferry.spi.Broker;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.function.Predicate;

/**
 * The web dashboard served at {@code /}: its pages and assets (from this package's resources),
 * chart.js from its WebJar, login, the chart history stream and job timelines. Installed by the
 * API server; closing it stops the history sampler.
 */
public final class Dashboard implements AutoCloseable {
  private final History history;

  private Dashboard(History history) {
    this.history = history;
  }

  /**
   * Adds the dashboard to a server being configured.
   *
   * @param cfg the Javalin configuration (static files)
   * @param routes where to register routes
   * @param broker the broker shown
   * @param sessions the login sessions the API's auth also accepts
   * @param isToken whether a string is the server's token; null when the server has none
   */
  public static Dashboard install(
      JavalinConfig cfg, RouteTable routes, Broker broker, Sessions sessions, Predicate<String> isToken) {
    cfg.staticFiles.enableWebjars();
    cfg.staticFiles.add(sf -> {
      sf.hostedPath = "/assets";
      sf.directory = "/dev/ferry/server/web/assets";
      sf.location = Location.CLASSPATH;
    });
    History history = History.start(broker);
    new Pages(sessions, isToken).register(routes);
    new HistoryStream(history).register(routes);
    new JobTimeline(broker).register(routes);
    return new Dashboard(history);
  }

  @Override
  public void close() {
    history.close();
  }
}
