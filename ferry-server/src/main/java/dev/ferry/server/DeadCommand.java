package dev.ferry.server;

import dev.ferry.FerryException;
import dev.ferry.JobClient;
import dev.ferry.server.cli.Bulk;
import dev.ferry.server.cli.Checks;
import dev.ferry.server.cli.Progress;
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

    @Option(names = "--queue", required = true, description = "The queue.") String queue;

    @Option(names = "--limit", description = "Page size, 1-1000 (default: ${DEFAULT-VALUE}).") int limit = 20;

    @Option(names = "--cursor", description = "The next cursor printed by the previous page.") String cursor;

    @Option(names = "--json", description = "Print JSON: {\"jobs\":[…],\"nextCursor\":…}.") boolean json;

    @Override
    public Integer call() {
      Checks.queue(queue);
      Checks.limit(limit);
      try (Broker b = broker.requireRedis()) {
        JobsCommand.print(JobClient.create(b).deadJobs(queue, cursor, limit), json);
        return Main.OK;
      }
    }
  }

  @Command(name = "requeue", description = "Move one dead job, or all of a queue's (asks first unless --yes), back to pending.", mixinStandardHelpOptions = true)
  static final class Requeue implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Option(names = "--queue", required = true, description = "The queue.") String queue;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The dead job to requeue.") String id;

    @Option(names = "--all", description = "Requeue every dead job of the queue, in batches of 1000.") boolean all;

    @Option(names = "--yes", description = "With --all: do not ask for confirmation.") boolean yes;

    @Override
    public Integer call() {
      if ((id == null) == !all) {
        throw new IllegalArgumentException("give a job ID or --all (not both)");
      }
      Checks.queue(queue);
      if (all) {
        Confirm.refuseWithoutTerminal(yes, "requeue every dead job of queue " + queue);
        try (Broker b = broker.requireRedis()) {
          long dead = b.counts(queue).dead();
          Confirm.require(yes, "requeue every dead job of queue " + queue, "Requeue all " + dead + " dead jobs of queue " + queue + "?");
          long n = Bulk.drain(dead, Progress.onStdout("requeued"), max -> b.requeueDead(queue, max));
          System.out.println("requeued " + n + " dead jobs of queue " + queue);
          return Main.OK;
        }
      }
      Checks.jobId(id);
      try (Broker b = broker.requireRedis()) {
        if (!JobClient.create(b).requeueDead(queue, id)) {
          throw new FerryException("job " + id + " is not dead in queue " + queue);
        }
        System.out.println("requeued " + id);
        return Main.OK;
      }
    }
  }

  @Command(name = "purge", description = "Delete every dead job of a queue, in batches of 1000 (asks first unless --yes).", mixinStandardHelpOptions = true)
  static final class Purge implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Option(names = "--queue", required = true, description = "The queue.") String queue;

    @Option(names = "--yes", description = "Do not ask for confirmation.") boolean yes;

    @Override
    public Integer call() {
      Checks.queue(queue);
      Confirm.refuseWithoutTerminal(yes, "purge the dead jobs of queue " + queue);
      try (Broker b = broker.requireRedis()) {
        long dead = b.counts(queue).dead();
        Confirm.require(yes, "purge the dead jobs of queue " + queue, "Delete all " + dead + " dead jobs of queue " + queue + "?");
        long n = Bulk.drain(dead, Progress.onStdout("purged"), max -> b.purgeDead(queue, max));
        System.out.println("purged " + n + " dead jobs of queue " + queue);
        return Main.OK;
      }
    }
  }
}
