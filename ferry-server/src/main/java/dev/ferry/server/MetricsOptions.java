package dev.ferry.server;

import dev.ferry.FerryException;
import dev.ferry.Worker;
import dev.ferry.metrics.FerryMetrics;
import dev.ferry.metrics.MetricsEndpoint;
import dev.ferry.spi.Broker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --metrics-port} / {@code --metrics-bind}: a Prometheus endpoint in a worker process. */
final class MetricsOptions {
  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics at http://BIND:PORT/metrics (0 = any free port; default: off).")
  Integer port;

  @Option(names = "--metrics-bind", paramLabel = "ADDRESS", description = "Address for --metrics-port (default: ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  private FerryMetrics metrics;

  /** The metrics to attach to the worker's builder, or null when --metrics-port was not given. */
  FerryMetrics metrics() {
    if (port == null) {
      return null;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--metrics-port must be between 0 and 65535, got " + port);
    }
    if (metrics == null) {
      metrics = FerryMetrics.create();
    }
    return metrics;
  }

  /** Adds the metrics listener to {@code builder} when metrics are on. */
  Worker.Builder attach(Worker.Builder builder) {
    FerryMetrics m = metrics();
    return m == null ? builder : builder.listener(m.listener());
  }

  /** Watches the worker and its queues and starts serving; prints where. No-op when off. */
  void serve(Worker worker, Broker broker) {
    FerryMetrics m = metrics();
    if (m == null) {
      return;
    }
    m.watchWorker(worker).watchQueues(broker, Duration.ofSeconds(5));
    try {
      MetricsEndpoint endpoint = m.serve(new InetSocketAddress(bind, port));
      System.out.println("metrics: http://" + bind + ":" + endpoint.address().getPort() + "/metrics");
    } catch (IOException e) {
      m.close();
      throw new FerryException("could not serve metrics on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
  }
}
