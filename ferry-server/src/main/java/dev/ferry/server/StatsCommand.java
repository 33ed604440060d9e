package dev.ferry.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobClient;
import dev.ferry.QueueCounts;
import dev.ferry.server.cli.Table;
import dev.ferry.spi.Broker;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry stats}: counts per state of every queue. */
@Command(name = "stats", description = "Show job counts per queue and state.", mixinStandardHelpOptions = true)
final class StatsCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Broker b = broker.requireRedis()) {
      Map<String, QueueCounts> stats = JobClient.create(b).stats();
      if (json) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode queues = root.putObject("queues");
        stats.forEach((q, c) -> queues.set(q, Output.counts(c)));
        System.out.println(Output.print(root));
      } else {
        Table t = new Table("QUEUE", "PENDING", "SCHEDULED", "ACTIVE", "RETRY", "DEAD", "COMPLETED");
        stats.forEach((q, c) -> t.row(q, c.pending(), c.scheduled(), c.active(), c.retry(), c.dead(), c.completed()));
        System.out.print(t.render());
      }
      return Main.OK;
    }
  }
}
