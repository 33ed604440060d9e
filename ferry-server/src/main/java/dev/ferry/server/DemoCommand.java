package dev.ferry.server;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.QueueCounts;
import dev.ferry.RetryPolicy;
import dev.ferry.Worker;
import dev.ferry.server.http.ApiServer;
import dev.ferry.spi.Broker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry demo}: a worker and a producer on one broker (in memory unless {@code --redis}),
 * with some jobs failing so retries and dead jobs show, and a progress line every second.
 */
@Command(name = "demo", description = "Run workers and a producer with demo jobs, printing progress.", mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  private static final List<String> QUEUES = List.of("critical", "default", "low");

  @Mixin BrokerOptions broker;

  @Mixin MetricsOptions metrics;

  @Option(names = "--duration", converter = DurationConverter.class, description = "Stop after this long (default: run until Ctrl-C).")
  Duration duration;

  @Option(names = "--port", description = "Port of the HTTP API it also serves (0 = any free port; default: ${DEFAULT-VALUE}, or any free port when taken).")
  int port = 8080;

  @Option(names = "--rate", description = "Jobs enqueued per second (default: ${DEFAULT-VALUE}).")
  int rate = 50;

  @Override
  public Integer call() throws InterruptedException {
    if (rate < 1 || rate > 100_000) {
      throw new IllegalArgumentException("--rate must be between 1 and 100000, got " + rate);
    }
    metrics.metrics(); // bad --metrics-port is a usage error before anything starts
    Broker b = broker.redisOrMemory();
    System.out.println("ferry demo on " + (broker.hasRedis() ? broker.redis : "the in-memory broker")
        + (duration == null ? " (Ctrl-C stops)" : " for " + duration));
    Worker worker = DemoHandlers.register(metrics.attach(Worker.builder(b)))
        .queue("critical", 6).queue("default", 3).queue("low", 1)
        .concurrency(20)
        .retryPolicy(RetryPolicy.exponential(Duration.ofMillis(200), Duration.ofSeconds(5)))
        .build();
    JobClient client = metrics.metrics() == null
        ? JobClient.create(b)
        : JobClient.builder(b).listener(metrics.metrics().listener()).build();
    Thread hook = new Thread(() -> {
      worker.close();
      ServerHolder.close();
      b.close();
    }, "ferry-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    worker.start();
    metrics.serve(worker, b);
    ApiServer server = startServer(b);
    System.out.println("HTTP API: http://127.0.0.1:" + server.port() + "/api/queues  (see /api/openapi.json)");
    System.out.println("Dashboard: http://127.0.0.1:" + server.port() + "/");
    long start = System.nanoTime();
    long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
    long enqueued = 0;
    long nextReport = start + 1_000_000_000L;
    while (System.nanoTime() < end) {
      client.enqueueAll(batch(Math.max(1, rate / 10)));
      enqueued += Math.max(1, rate / 10);
      Thread.sleep(100);
      if (System.nanoTime() >= nextReport) {
        report(client, enqueued, (System.nanoTime() - start) / 1_000_000_000L);
        nextReport += 1_000_000_000L;
      }
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    worker.close();
    server.close();
    report(client, enqueued, (System.nanoTime() - start) / 1_000_000_000L);
    b.close();
    return Main.OK;
  }

  /** The HTTP API on --port, or on any free port when that one is taken (unless it was asked for explicitly). */
  private ApiServer startServer(Broker b) {
    ApiServer server;
    try {
      server = ApiServer.start(b, new ApiServer.Options("127.0.0.1", port, null, null));
    } catch (RuntimeException e) {
      if (port != 8080) {
        throw new dev.ferry.FerryException("could not serve the HTTP API on port " + port + ": " + e.getMessage(), e);
      }
      server = ApiServer.start(b, new ApiServer.Options("127.0.0.1", 0, null, null));
    }
    ServerHolder.server = server;
    return server;
  }

  /** The running server, for the shutdown hook. */
  private static final class ServerHolder {
    static volatile ApiServer server;

    static void close() {
      ApiServer s = server;
      if (s != null) {
        s.close();
      }
    }
  }

  private static List<JobRequest> batch(int n) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    List<JobRequest> jobs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String queue = QUEUES.get(r.nextInt(QUEUES.size()));
      int kind = r.nextInt(10);
      JobRequest job;
      if (kind < 5) {
        job = JobRequest.ofJson("demo.sleep", Map.of("ms", r.nextInt(5, 200)));
      } else if (kind < 8) {
        job = JobRequest.ofJson("demo.echo", Map.of("n", r.nextInt(1000)));
      } else {
        // Fails 1-3 times with 2 retries allowed: most recover after retrying, some end dead.
        job = JobRequest.ofJson("demo.fail", Map.of("times", r.nextInt(1, 4))).maxRetries(2);
      }
      jobs.add(job.queue(queue));
    }
    return jobs;
  }

  private static void report(JobClient client, long enqueued, long seconds) {
    long pending = 0, scheduled = 0, active = 0, retry = 0, completed = 0, dead = 0;
    for (QueueCounts c : client.stats().values()) {
      pending += c.pending();
      scheduled += c.scheduled();
      active += c.active();
      retry += c.retry();
      completed += c.completed();
      dead += c.dead();
    }
    System.out.printf("t=%3ds enqueued=%d pending=%d scheduled=%d active=%d retry=%d completed=%d dead=%d%n",
        seconds, enqueued, pending, scheduled, active, retry, completed, dead);
  }
}
