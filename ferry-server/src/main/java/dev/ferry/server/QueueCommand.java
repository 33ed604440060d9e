package dev.ferry.server;

import dev.ferry.FerryException;
import dev.ferry.server.cli.Checks;
import dev.ferry.spi.Broker;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ferry queue pause|resume Q}: stops and restarts claiming from a queue on every worker. */
@Command(
    name = "queue",
    description = "Pause or resume a queue.",
    mixinStandardHelpOptions = true,
    subcommands = {QueueCommand.Pause.class, QueueCommand.Resume.class})
final class QueueCommand {

  /** Shared by pause and resume: the queue argument, checked, and known to the broker. */
  abstract static class Action implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Parameters(index = "0", paramLabel = "QUEUE", description = "The queue.")
    String queue;

    abstract void apply(Broker b);

    abstract String done();

    @Override
    public Integer call() {
      Checks.queue(queue);
      try (Broker b = broker.requireRedis()) {
        if (!b.queues().contains(queue)) {
          // A typo must not leave a paused flag on a queue nobody uses.
          throw new FerryException("no queue " + queue + ": no job was ever enqueued on it (see ferry queues)");
        }
        apply(b);
        System.out.println(done() + " queue " + queue);
        return Main.OK;
      }
    }
  }

  @Command(name = "pause", description = "Stop every worker from claiming jobs of the queue (enqueue still works).", mixinStandardHelpOptions = true)
  static final class Pause extends Action {
    @Override
    void apply(Broker b) {
      b.pause(queue);
    }

    @Override
    String done() {
      return "paused";
    }
  }

  @Command(name = "resume", description = "Let workers claim jobs of the queue again.", mixinStandardHelpOptions = true)
  static final class Resume extends Action {
    @Override
    void apply(Broker b) {
      b.resume(queue);
    }

    @Override
    String done() {
      return "resumed";
    }
  }
}
