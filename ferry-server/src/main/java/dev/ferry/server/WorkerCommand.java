package dev.ferry.server;

import dev.ferry.Worker;
import dev.ferry.spi.Broker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry worker}: runs a worker with the demo handlers until SIGTERM/SIGINT. */
@Command(name = "worker", description = "Run a worker with the demo handlers (demo.sleep, demo.fail, demo.echo).", mixinStandardHelpOptions = true)
final class WorkerCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Mixin MetricsOptions metrics;

  @Option(names = "--queue", paramLabel = "NAME[=WEIGHT]", description = "Queue to work, with an optional weight; repeatable (default: default).")
  List<String> queues = List.of();

  @Option(names = "--strict", description = "Strict priority: always drain higher-weight queues first.")
  boolean strict;

  @Option(names = "--concurrency", description = "Handlers run at once (default: ${DEFAULT-VALUE}).")
  int concurrency = 10;

  @Option(names = "--lease-timeout", converter = DurationConverter.class, description = "Visibility timeout (default: 30s).")
  Duration leaseTimeout = Duration.ofSeconds(30);

  @Option(names = "--shutdown-timeout", converter = DurationConverter.class, description = "Grace period on SIGTERM (default: 25s).")
  Duration shutdownTimeout = Duration.ofSeconds(25);

  @Override
  public Integer call() throws InterruptedException {
    Broker b = broker.requireRedis();
    Worker.Builder builder = Worker.builder(b)
        .concurrency(concurrency)
        .strictPriority(strict)
        .leaseTimeout(leaseTimeout)
        .shutdownTimeout(shutdownTimeout);
    for (String q : queues) {
      QueueWeight qw = QueueWeight.parse(q);
      builder.queue(qw.name(), qw.weight());
    }
    metrics.metrics(); // bad --metrics-port is a usage error before anything starts
    Worker worker = DemoHandlers.register(metrics.attach(builder)).build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      b.close();
      stopped.countDown();
    }, "ferry-shutdown"));
    worker.start();
    metrics.serve(worker, b);
    System.out.println("worker running (concurrency " + concurrency + "); SIGTERM or Ctrl-C stops it gracefully");
    stopped.await();
    return Main.OK;
  }

  /** A {@code NAME[=WEIGHT]} queue argument. */
  record QueueWeight(String name, int weight) {
    static QueueWeight parse(String arg) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        return new QueueWeight(arg, 1);
      }
      try {
        return new QueueWeight(arg.substring(0, eq), Integer.parseInt(arg.substring(eq + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--queue " + arg + ": the weight after '=' must be a whole number");
      }
    }
  }
}
