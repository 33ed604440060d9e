package dev.ferry.server;

import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.spi.Broker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry inspect ID}: shows one job; the same as {@code ferry jobs show ID}. */
@Command(name = "inspect", description = "Show one job (alias of: jobs show).", mixinStandardHelpOptions = true)
class InspectCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Parameters(index = "0", paramLabel = "ID", description = "Job id.")
  String id;

  @Option(names = "--queue", description = "The job's queue (default: look in every queue).")
  String queue;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    JobsCommand.checkIdAndQueue(id, queue);
    try (Broker b = broker.requireRedis()) {
      JobInfo j = JobsCommand.require(JobClient.create(b), queue, id);
      if (json) {
        System.out.println(Output.print(Output.job(j)));
      } else {
        System.out.printf("id          %s%ntype        %s%nqueue       %s%nstate       %s%nattempt     %d of %d%n",
            j.id(), j.type(), j.queue(), j.state().wireName(), j.attempt(), j.maxRetries() + 1);
        System.out.printf("created     %s%nupdated     %s%n", j.createdAt(), j.updatedAt());
        if (j.runAt() != null) {
          System.out.printf("run at      %s%n", j.runAt());
        }
        if (j.timeout() != null) {
          System.out.printf("timeout     %s%n", j.timeout());
        }
        System.out.printf("payload     %s%n", Output.print(Output.payload(j.payload())));
        if (j.lastError() != null) {
          System.out.printf("last error  %s%n", j.lastError());
        }
      }
      return Main.OK;
    }
  }
}
