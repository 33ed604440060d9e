package dev.ferry.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.WorkerInfo;
import dev.ferry.server.cli.Table;
import dev.ferry.spi.Broker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry workers}: the live worker processes and what they run. */
@Command(name = "workers", description = "List live workers: host, pid, queues, busy slots, last heartbeat.", mixinStandardHelpOptions = true)
final class WorkersCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Option(names = "--json", description = "Print JSON: {\"workers\":[{\"id\",\"host\",\"pid\",\"queues\",\"concurrency\",\"busy\",…,\"running\":[…]}]}.")
  boolean json;

  @Override
  public Integer call() {
    try (Broker b = broker.requireRedis()) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      var list = root.putArray("workers");
      Table t = new Table("WORKER", "HOST", "PID", "QUEUES", "BUSY", "STARTED", "HEARTBEAT", "RUNNING");
      Instant now = Instant.now();
      for (WorkerInfo w : b.workers()) {
        list.add(Output.worker(w));
        t.row(w.id(), w.host(), w.pid(), String.join(",", w.queues()), w.busy() + "/" + w.concurrency(),
            w.startedAt().toString(), ago(now, w.lastHeartbeat()),
            Table.clip(String.join(",", w.running().stream().map(WorkerInfo.Running::jobId).toList()), 60));
      }
      System.out.print(json ? Output.print(root) + "\n" : t.render());
      return Main.OK;
    }
  }

  private static String ago(Instant now, Instant then) {
    long s = Math.max(0, Duration.between(then, now).toSeconds());
    return s + "s ago";
  }
}
