package dev.ferry.server;

import dev.ferry.JobEvent;
import dev.ferry.server.cli.Checks;
import dev.ferry.spi.Broker;
import dev.ferry.spi.EventBatch;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry events tail}: the lifecycle events of queues, recent ones and (--follow) new ones. */
@Command(
    name = "events",
    description = "Show job lifecycle events.",
    mixinStandardHelpOptions = true,
    subcommands = {EventsCommand.Tail.class})
final class EventsCommand {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  /** Events read per call; the log keeps at most about 10,000 per queue. */
  private static final int READ = 1000;
  /** How long one follow read blocks in Redis (well under the 10 s command timeout). */
  private static final Duration BLOCK = Duration.ofSeconds(2);

  @Command(name = "tail", description = "Print the most recent events, then (with --follow) new ones as they happen.", mixinStandardHelpOptions = true)
  static final class Tail implements Callable<Integer> {
    @Mixin BrokerOptions broker;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "Only this queue; repeatable (default: every queue).")
    List<String> queues = List.of();

    @Option(names = "--limit", description = "How many recent events to print first, 1-1000 (default: ${DEFAULT-VALUE}).")
    int limit = 50;

    @Option(names = "--follow", description = "Keep printing new events until interrupted (Ctrl-C).")
    boolean follow;

    @Option(names = "--json", description = "Print one JSON object per event and line.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
      queues.forEach(Checks::queue);
      Checks.limit(limit);
      try (Broker b = broker.requireRedis()) {
        if (!json) {
          System.out.println(String.format(FORMAT, "TIME (UTC)", "EVENT", "QUEUE", "JOB", "TYPE", "ATTEMPT", "DETAIL").stripTrailing());
        }
        // The recent events: read the capped logs from their start, keep the last `limit`.
        Deque<JobEvent> recent = new ArrayDeque<>();
        String cursor = "";
        EventBatch batch;
        do {
          batch = b.readEvents(queuesOf(b), cursor, READ, Duration.ZERO);
          cursor = batch.cursor();
          for (JobEvent e : batch.events()) {
            recent.addLast(e);
            if (recent.size() > limit) {
              recent.removeFirst();
            }
          }
        } while (!batch.events().isEmpty());
        recent.forEach(e -> print(e, json));
        System.out.flush();
        while (follow) {
          Collection<String> qs = queuesOf(b); // picks up queues created meanwhile (read from their start)
          if (qs.isEmpty()) {
            Thread.sleep(BLOCK.toMillis());
            continue;
          }
          batch = b.readEvents(qs, cursor, READ, BLOCK);
          cursor = batch.cursor();
          batch.events().forEach(e -> print(e, json));
          System.out.flush();
        }
        return Main.OK;
      }
    }

    private Collection<String> queuesOf(Broker b) {
      return queues.isEmpty() ? b.queues() : new ArrayList<>(queues);
    }
  }

  private static final String FORMAT = "%-23s  %-9s  %-16s  %-28s  %-20s  %7s  %s";

  private static void print(JobEvent e, boolean json) {
    if (json) {
      System.out.println(Output.print(Output.event(e)));
      return;
    }
    String detail = e.error() != null ? e.error()
        : e.duration() != null ? "took " + e.duration().toMillis() + "ms"
        : e.waited() != null ? "waited " + e.waited().toMillis() + "ms"
        : "";
    System.out.println(String.format(FORMAT, TIME.format(e.at()), e.kind().wireName(), e.queue(), e.jobId(),
        e.type(), e.attempt(), detail).stripTrailing());
  }
}
