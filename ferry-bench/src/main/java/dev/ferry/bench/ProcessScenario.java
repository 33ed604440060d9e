package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.Worker;
import dev.ferry.redis.RedisBroker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Processing throughput: pre-enqueued no-op jobs drained by one {@link Worker} (in the bench's
 * JVM, full reliability on: leases, heartbeat, fencing, maintenance) at several concurrencies.
 * The clock runs from {@code worker.start()} until every job is completed in Redis, or until the
 * time bound, whichever comes first.
 */
final class ProcessScenario implements Scenario {
  static final int[] CONCURRENCY = {1, 10, 50, 100, 200};
  private static final byte[] PAYLOAD = Jobs.payload(100);

  @Override
  public String name() {
    return "process";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    Duration bound = ctx.size() == Size.FULL ? Duration.ofSeconds(30) : Duration.ofSeconds(10);
    for (int c : CONCURRENCY) {
      out.add(drain(ctx, c, ctx.size().processJobs, bound, false));
    }
    out.add(drain(ctx, 100, ctx.size().processJobs, bound, true)); // the users' default: event log on
    return out;
  }

  /**
   * One drain at {@code concurrency}; {@code eventLog} turns the worker's lifecycle event log on
   * (users' default), to show what it costs.
   */
  static ObjectNode drain(BenchContext ctx, int concurrency, int jobs, Duration bound, boolean eventLog)
      throws Exception {
    ctx.reset();
    String queue = "process";
    try (RedisBroker broker = ctx.broker()) {
      Jobs.enqueueBulk(Jobs.client(broker), jobs, i -> JobRequest.of(Jobs.NOOP, PAYLOAD).queue(queue));
      AtomicLong handled = new AtomicLong();
      Worker worker =
          Worker.builder(broker)
              .queue(queue)
              .concurrency(concurrency)
              .eventLog(eventLog)
              .handle(Jobs.NOOP, job -> {
                handled.incrementAndGet();
                return JobOutcome.success();
              })
              .build();
      Measurement m = Measurement.start(ctx.meter());
      worker.start();
      long deadline = System.nanoTime() + bound.toNanos();
      // Watch the handlers' counter (no Redis traffic), then confirm the completions in Redis.
      while (handled.get() < jobs && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      long done;
      while ((done = broker.counts(queue).completed()) < handled.get() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      m.stop();
      worker.close();
      ObjectNode row = BenchContext.object();
      row.put("concurrency", concurrency);
      row.put("eventLog", eventLog);
      row.put("jobs", done);
      row.put("seconds", Stats.round(m.nanos() / 1e9, 3));
      row.put("jobsPerSecond", Stats.round(m.perSecond(done), 0));
      row.put("redisCommandsPerJob", Stats.round(m.commandsPerJob(done), 2));
      row.put("scriptCallsPerJob", Stats.round(m.scriptCallsPerJob(done), 3));
      row.put("processCpuCores", Stats.round(m.jvmCores(), 2));
      row.put("redisCpuCores", Stats.round(m.redisCores(), 2));
      return row;
    }
  }
}
