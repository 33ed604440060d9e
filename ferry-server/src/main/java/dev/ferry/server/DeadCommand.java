package dev.ferry.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.spi.Broker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry dead list|requeue|purge}: the dead set of a queue. */
@Command(
    name = "dead",
    description = "List, requeue or purge dead jobs.",
    mixinStandardHelpOptions = true,
    subcommands = {DeadCommand.ListDead.class, DeadCommand.Requeue.class, DeadCommand.Purge.class})
final class DeadCommand {

  @Command(name = "list", description = "List dead jobs, oldest first.", mixinStandardHelpOptions = true)
  static final class ListDead implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Option(names = "--queue", required = true) String queue;

    @Option(names = "--limit", description = "Page size (default: ${DEFAULT-VALUE}).") int limit = 20;

    @Option(names = "--cursor", description = "The next cursor of the previous page.") String cursor;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      try (Broker b = broker.requireRedis()) {
        JobPage page = JobClient.create(b).deadJobs(queue, cursor, limit);
        if (json) {
          ObjectNode root = JsonNodeFactory.instance.objectNode();
          var jobs = root.putArray("jobs");
          page.jobs().forEach(j -> jobs.add(Output.job(j)));
          root.put("nextCursor", page.nextCursor());
          System.out.println(Output.print(root));
        } else {
          for (JobInfo j : page.jobs()) {
            String error = j.lastError() == null ? "" : j.lastError().lines().findFirst().orElse("");
            System.out.printf("%-28s %-20s attempts %-3d %s%n", j.id(), j.type(), j.attempt(), error);
          }
          if (page.nextCursor() != null) {
            System.out.println("more: --cursor " + page.nextCursor());
          }
        }
        return Main.OK;
      }
    }
  }

  @Command(name = "requeue", description = "Move dead jobs back to pending.", mixinStandardHelpOptions = true)
  static final class Requeue implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Option(names = "--queue", required = true) String queue;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID") String id;

    @Option(names = "--all", description = "Requeue every dead job of the queue.") boolean all;

    @Override
    public Integer call() {
      if ((id == null) == !all) {
        throw new IllegalArgumentException("give a job ID or --all (not both)");
      }
      try (Broker b = broker.requireRedis()) {
        JobClient client = JobClient.create(b);
        if (all) {
          System.out.println("requeued " + client.requeueAllDead(queue) + " dead jobs");
          return Main.OK;
        }
        if (!client.requeueDead(queue, id)) {
          System.err.println("ferry: job " + id + " is not dead in queue " + queue);
          return Main.FAILURE;
        }
        System.out.println("requeued " + id);
        return Main.OK;
      }
    }
  }

  @Command(name = "purge", description = "Delete every dead job of a queue.", mixinStandardHelpOptions = true)
  static final class Purge implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Option(names = "--queue", required = true) String queue;

    @Option(names = "--yes", description = "Do not ask for confirmation.") boolean yes;

    @Override
    public Integer call() {
      if (!yes && !Confirm.ask("Delete every dead job of queue " + queue + "?")) {
        System.err.println("ferry: not confirmed; nothing deleted (pass --yes to skip the question)");
        return Main.FAILURE;
      }
      try (Broker b = broker.requireRedis()) {
        System.out.println("purged " + JobClient.create(b).purgeDead(queue) + " dead jobs");
        return Main.OK;
      }
    }
  }
}
