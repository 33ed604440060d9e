package dev.ferry.server;

import dev.ferry.FerryException;
import dev.ferry.JobClient;
import dev.ferry.server.cli.Checks;
import dev.ferry.server.cli.Progress;
import dev.ferry.spi.Broker;
import java.util.concurrent.Callable;
import java.util.function.IntToLongFunction;
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
  /** Jobs moved per broker call in bulk operations: bounded work per Lua script call. */
  static final int BATCH = 1000;

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
        if (!yes && System.console() == null) {
          Confirm.require(false, "");
        }
        try (Broker b = broker.requireRedis()) {
          long dead = b.counts(queue).dead();
          Confirm.require(yes, "Requeue all " + dead + " dead jobs of queue " + queue + "?");
          long n = drain(b.counts(queue).dead(), Progress.onStdout("requeued"), max -> b.requeueDead(queue, max));
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
      if (!yes && System.console() == null) {
        Confirm.require(false, "");
      }
      try (Broker b = broker.requireRedis()) {
        long dead = b.counts(queue).dead();
        Confirm.require(yes, "Delete all " + dead + " dead jobs of queue " + queue + "?");
        long n = drain(b.counts(queue).dead(), Progress.onStdout("purged"), max -> b.purgeDead(queue, max));
        System.out.println("purged " + n + " dead jobs of queue " + queue);
        return Main.OK;
      }
    }
  }

  /**
   * Runs {@code batch} with {@link #BATCH} until a call moves fewer, showing progress against
   * {@code total}; returns how many moved in all.
   */
  static long drain(long total, Progress progress, IntToLongFunction batch) {
    long done = 0;
    long n;
    do {
      n = batch.applyAsLong(BATCH);
      done += n;
      progress.update(done, total);
    } while (n == BATCH);
    progress.finish();
    return done;
  }
}
