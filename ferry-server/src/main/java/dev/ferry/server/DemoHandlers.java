package dev.ferry.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.JobContext;
import dev.ferry.JobOutcome;
import dev.ferry.Worker;
import dev.ferry.internal.Json;
import java.io.IOException;

/**
 * The demo job types every {@code ferry worker} and {@code ferry demo} can run.
 *
 * <ul>
 *   <li>{@code demo.sleep} {@code {"ms":N}}: sleeps N ms (honours interrupts).
 *   <li>{@code demo.fail} {@code {"times":K}}: fails its first K attempts, then succeeds.
 *   <li>{@code demo.echo}: succeeds at once (a no-op).
 * </ul>
 */
final class DemoHandlers {
  private DemoHandlers() {}

  static Worker.Builder register(Worker.Builder b) {
    return b.handle("demo.sleep", DemoHandlers::sleep)
        .handle("demo.fail", DemoHandlers::fail)
        .handle("demo.echo", job -> JobOutcome.success());
  }

  private static JobOutcome sleep(JobContext job) throws InterruptedException {
    Thread.sleep(field(job, "ms"));
    return JobOutcome.success();
  }

  private static JobOutcome fail(JobContext job) {
    long times = field(job, "times");
    if (job.attempt() <= times) {
      throw new IllegalStateException("demo failure " + job.attempt() + " of " + times);
    }
    return JobOutcome.success();
  }

  private static long field(JobContext job, String name) {
    try {
      JsonNode n = job.payload().length == 0 ? null : Json.MAPPER.readTree(job.payload());
      return n == null || !n.has(name) ? 0 : n.get(name).asLong();
    } catch (IOException e) {
      throw new IllegalArgumentException("payload of " + job.type() + " is not JSON: " + e.getMessage());
    }
  }
}
