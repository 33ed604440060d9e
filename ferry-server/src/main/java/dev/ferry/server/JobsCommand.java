package dev.ferry.server;

import dev.ferry.FerryException;
import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.JobState;
import dev.ferry.server.cli.Checks;
import dev.ferry.server.cli.Table;
import dev.ferry.spi.Broker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry jobs list|show|retry|delete}: pages of jobs by state, and actions on one job.
 *
 * <p>An unknown job id is a failure (exit 1, {@code ferry: no job with id ID}), not a usage error:
 * the command was well formed, the job is just not there (any more).
 */
@Command(
    name = "jobs",
    description = "List jobs by state; show, retry or delete one job.",
    mixinStandardHelpOptions = true,
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Retry.class, JobsCommand.Delete.class})
final class JobsCommand {

  /** Refuses a malformed id or queue before connecting. */
  static void checkIdAndQueue(String id, String queue) {
    Checks.jobId(id);
    if (queue != null) {
      Checks.queue(queue);
    }
  }

  /** The job, looked up in {@code queue} or (null) in every queue; exit 1 when there is none. */
  static JobInfo require(JobClient client, String queue, String id) {
    return (queue == null ? client.inspect(id) : client.inspect(queue, id))
        .orElseThrow(() -> new FerryException("no job with id " + id + (queue == null ? "" : " in queue " + queue)));
  }

  @Command(name = "list", description = "List the jobs of a queue in one state, a page at a time.", mixinStandardHelpOptions = true)
  static final class ListJobs implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Option(names = "--queue", required = true, description = "The queue.") String queue;

    @Option(names = "--state", required = true, paramLabel = "STATE",
        description = "pending, scheduled, active, retry, completed, dead or cancelled.")
    String state;

    @Option(names = "--limit", description = "Page size, 1-1000 (default: ${DEFAULT-VALUE}).") int limit = 20;

    @Option(names = "--cursor", description = "The next cursor printed by the previous page.") String cursor;

    @Option(names = "--json", description = "Print JSON: {\"jobs\":[…],\"nextCursor\":…}.") boolean json;

    @Override
    public Integer call() {
      JobState s = Checks.state(state);
      Checks.queue(queue);
      Checks.limit(limit);
      try (Broker b = broker.requireRedis()) {
        print(JobClient.create(b).list(queue, s, cursor, limit), json);
        return Main.OK;
      }
    }
  }

  /** Prints a page as a table (or JSON) and the cursor of the next page. */
  static void print(JobPage page, boolean json) {
    if (json) {
      System.out.println(Output.print(Output.page(page)));
      return;
    }
    Table t = new Table("ID", "TYPE", "STATE", "ATTEMPT", "RUN AT", "UPDATED", "LAST ERROR");
    for (JobInfo j : page.jobs()) {
      t.row(j.id(), Table.clip(j.type(), 30), j.state().wireName(), j.attempt() + "/" + (j.maxRetries() + 1),
          j.runAt(), j.updatedAt(), Table.clip(j.lastError(), 60));
    }
    System.out.print(t.render());
    String count = t.size() == 1 ? "1 job" : t.size() + " jobs";
    System.out.println(page.nextCursor() == null
        ? "(" + count + ", last page)"
        : "(" + count + ") next page: --cursor " + page.nextCursor());
  }

  @Command(name = "show", description = "Show one job.", mixinStandardHelpOptions = true)
  static final class Show extends InspectCommand {}

  @Command(name = "retry", description = "Run a scheduled, retry or dead job now (a dead job's attempts are reset).", mixinStandardHelpOptions = true)
  static final class Retry implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Parameters(index = "0", paramLabel = "ID", description = "Job id.") String id;

    @Option(names = "--queue", description = "The job's queue (default: look in every queue).") String queue;

    @Override
    public Integer call() {
      checkIdAndQueue(id, queue);
      try (Broker b = broker.requireRedis()) {
        JobInfo j = require(JobClient.create(b), queue, id);
        if (!b.retryNow(j.queue(), id)) {
          throw new FerryException("job " + id + " is " + b.find(j.queue(), id).map(x -> x.state().wireName()).orElse("gone")
              + ": only scheduled, retry and dead jobs can be retried");
        }
        System.out.println("retrying " + id + " now (pending on queue " + j.queue() + ")");
        return Main.OK;
      }
    }
  }

  @Command(name = "delete", description = "Delete one job in any state (asks first unless --yes).", mixinStandardHelpOptions = true)
  static final class Delete implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Parameters(index = "0", paramLabel = "ID", description = "Job id.") String id;

    @Option(names = "--queue", description = "The job's queue (default: look in every queue).") String queue;

    @Option(names = "--yes", description = "Do not ask for confirmation.") boolean yes;

    @Override
    public Integer call() {
      checkIdAndQueue(id, queue);
      Confirm.refuseWithoutTerminal(yes, "delete job " + id);
      try (Broker b = broker.requireRedis()) {
        JobInfo j = require(JobClient.create(b), queue, id);
        Confirm.require(yes, "delete job " + id, "Delete job " + id + " (" + j.type() + ", " + j.state().wireName() + ") of queue " + j.queue() + "?");
        if (!b.delete(j.queue(), id)) {
          throw new FerryException("no job with id " + id + " in queue " + j.queue());
        }
        System.out.println("deleted " + id);
        return Main.OK;
      }
    }
  }
}
