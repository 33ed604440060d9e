package dev.ferry.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /metrics} on the JDK's HTTP server, so a worker process needs no web framework. */
public final class MetricsEndpoint implements AutoCloseable {
  /** The exposition format's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  static MetricsEndpoint start(InetSocketAddress address, Supplier<String> scrape) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/metrics", exchange -> {
      try (exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
          exchange.getResponseHeaders().set("Allow", "GET");
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.setExecutor(null);
    server.start();
    return new MetricsEndpoint(server);
  }

  /** The bound address (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
