package dev.ferry.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.QueueCounts;
import dev.ferry.server.cli.Table;
import dev.ferry.spi.Broker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry queues}: every known queue with its paused flag and counts per state. */
@Command(name = "queues", description = "List queues: paused flag and job counts per state.", mixinStandardHelpOptions = true)
final class QueuesCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Option(names = "--json", description = "Print JSON: {\"queues\":[{\"name\",\"paused\",\"pending\",…}]}.")
  boolean json;

  @Override
  public Integer call() {
    try (Broker b = broker.requireRedis()) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      var list = root.putArray("queues");
      Table t = new Table("QUEUE", "STATUS", "PENDING", "SCHEDULED", "ACTIVE", "RETRY", "DEAD", "COMPLETED", "CANCELLED");
      for (String q : b.queues()) { // a sorted set of names, from the queue index (no scan)
        QueueCounts c = b.counts(q);
        boolean paused = b.isPaused(q);
        list.add(Output.queue(q, c, paused));
        t.row(q, paused ? "paused" : "running", c.pending(), c.scheduled(), c.active(), c.retry(), c.dead(),
            c.completed(), c.cancelled());
      }
      System.out.print(json ? Output.print(root) + "\n" : t.render());
      return Main.OK;
    }
  }
}
