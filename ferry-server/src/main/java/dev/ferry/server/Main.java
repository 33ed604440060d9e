package dev.ferry.server;

import dev.ferry.FerryException;
import dev.ferry.InvalidJobException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ferry} executable: one entry point whose subcommands run a demo, a worker, or act on
 * stored jobs. Exit codes: 0 ok, 1 failure, 2 bad arguments.
 */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    version = "ferry 0.1.0",
    description = "Ferry: a Redis-backed background job system for the JVM.",
    subcommands = {
      DemoCommand.class,
      WorkerCommand.class,
      EnqueueCommand.class,
      InspectCommand.class,
      StatsCommand.class,
      QueuesCommand.class,
      JobsCommand.class,
      DeadCommand.class,
      QueueCommand.class,
      EventsCommand.class,
      ServerCommand.class,
      WorkersCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this in-process). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExpandAtFiles(false); // "--payload @file" is read by the enqueue command itself
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof InvalidJobException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("ferry: " + e.getMessage());
            return USAGE;
          }
          cmd.getErr().println("ferry: " + (e instanceof FerryException ? e.getMessage() : e.toString()));
          return FAILURE;
        });
    cli.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("ferry: " + e.getMessage() + " (see --help)");
          return USAGE;
        });
    return cli.execute(args);
  }
}
