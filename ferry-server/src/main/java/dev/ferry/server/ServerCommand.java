package dev.ferry.server;

import dev.ferry.JobClient;
import dev.ferry.metrics.FerryMetrics;
import dev.ferry.server.http.ApiServer;
import dev.ferry.spi.Broker;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry server}: the HTTP API, /metrics and health checks, until SIGTERM/SIGINT. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Serve the HTTP API (/api, see /api/openapi.json), /metrics, /healthz and /readyz.")
final class ServerCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Option(names = "--port", description = "Port to listen on (0 = any free port; default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: ${DEFAULT-VALUE}); anything but loopback needs --token.")
  String bind = "127.0.0.1";

  @Option(names = "--token", description = "Bearer token every /api and /metrics request must carry (default: the FERRY_TOKEN environment variable).")
  String token = System.getenv("FERRY_TOKEN");

  @Override
  public Integer call() throws InterruptedException {
    ApiServer.Options options = new ApiServer.Options(bind, port, blankToNull(token), null); // checks first
    Broker b = broker.redisOrMemory();
    FerryMetrics metrics = FerryMetrics.create().watchQueues(b, Duration.ofSeconds(5));
    JobClient client = JobClient.builder(b).listener(metrics.listener()).build(); // counts HTTP enqueues
    ApiServer server = ApiServer.start(b, client, new ApiServer.Options(bind, port, options.token(), metrics::scrape));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      metrics.close();
      b.close();
      stopped.countDown();
    }, "ferry-shutdown"));
    System.out.println("ferry server on http://" + bind + ":" + server.port() + "/ ("
        + (broker.hasRedis() ? broker.redis : "in-memory broker") + (options.token() == null ? "" : ", token required") + ")");
    stopped.await();
    return Main.OK;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
