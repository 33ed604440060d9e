package dev.ferry.server;

import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.spi.Broker;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry inspect ID}: shows one job. */
@Command(name = "inspect", description = "Show one job.", mixinStandardHelpOptions = true)
final class InspectCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Parameters(index = "0", paramLabel = "ID", description = "Job id.")
  String id;

  @Option(names = "--queue", description = "The job's queue (default: look in every queue).")
  String queue;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (Broker b = broker.requireRedis()) {
      JobClient client = JobClient.create(b);
      Optional<JobInfo> job = queue == null ? client.inspect(id) : client.inspect(queue, id);
      if (job.isEmpty()) {
        System.err.println("ferry: no job with id " + id);
        return Main.FAILURE;
      }
      JobInfo j = job.get();
      if (json) {
        System.out.println(Output.print(Output.job(j)));
      } else {
        System.out.printf("id          %s%ntype        %s%nqueue       %s%nstate       %s%nattempt     %d of %d%n",
            j.id(), j.type(), j.queue(), j.state().wireName(), j.attempt(), j.maxRetries() + 1);
        System.out.printf("created     %s%nupdated     %s%n", j.createdAt(), j.updatedAt());
        if (j.runAt() != null) {
          System.out.printf("run at      %s%n", j.runAt());
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
