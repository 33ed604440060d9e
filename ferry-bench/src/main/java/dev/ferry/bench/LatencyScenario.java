package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobClient;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.Worker;
import dev.ferry.redis.RedisBroker;
import dev.ferry.spi.Broker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latency under a steady stream: one producer thread enqueues at a fixed rate (1,000 and 5,000
 * jobs/s) while a running worker (concurrency 50, idle workers blocked on the wake-up, no polling
 * sleeps) takes them. Each payload carries its enqueue time ({@code System.nanoTime()}, same
 * JVM); pickup is enqueue → handler start, end-to-end is enqueue → Redis acknowledged the
 * completion. The first 20% of the stream is warm-up and not recorded.
 *
 * <p>For scale it also measures two floors at 1,000/s on the same machine ({@link LatencyFloors}):
 * a bare {@code PING} round trip, and the pickup of a bare {@code LPUSH}/{@code BRPOP} queue. A
 * Ferry pickup is several hops (the wake-up message, the claim, the hand-over to a handler thread),
 * so its tail cannot be shorter than the first, and on a machine where the second's tail is long,
 * so is every Redis queue's.
 */
final class LatencyScenario implements Scenario {
  static final int[] RATES = {1_000, 5_000};
  static final int CONCURRENCY = 50;

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ObjectNode out = BenchContext.object();
    ObjectNode first = null;
    for (int rate : RATES) {
      ObjectNode r = stream(ctx, rate, ctx.size().latencyMillis);
      out.set("at" + rate, r);
      if (first == null) {
        first = r;
      }
    }
    out.set("floorMs", percentiles(LatencyFloors.ping(ctx, RATES[0], ctx.size().latencyMillis)));
    out.set("queueFloorMs", percentiles(LatencyFloors.bareQueue(ctx, RATES[0], ctx.size().latencyMillis)));
    // The headline figures are those of the first rate (1,000 jobs/s).
    out.set("ratePerSecond", first.get("ratePerSecond"));
    out.set("pickupMs", first.get("pickupMs"));
    out.set("endToEndMs", first.get("endToEndMs"));
    return out;
  }

  private static ObjectNode stream(BenchContext ctx, int rate, int millis) throws Exception {
    ctx.reset();
    int total = LatencyFloors.total(rate, millis);
    long[] pickup = new long[total];
    long[] endToEnd = new long[total];
    Map<String, long[]> started = new ConcurrentHashMap<>();
    String queue = "latency";
    try (RedisBroker redis = ctx.broker()) {
      Broker broker = SettleTimes.observe(redis, s -> {
        long[] seqAndSent = started.remove(s.lease().jobId());
        if (seqAndSent != null) {
          endToEnd[(int) seqAndSent[0]] = System.nanoTime() - seqAndSent[1];
        }
      });
      Worker worker =
          Worker.builder(broker)
              .eventLog(false)
              .queue(queue)
              .concurrency(CONCURRENCY)
              .handle(Jobs.NOOP, job -> {
                long now = System.nanoTime();
                String[] parts = job.payloadText().split(",");
                int seq = Integer.parseInt(parts[0]);
                long sent = Long.parseLong(parts[1]);
                pickup[seq] = now - sent;
                started.put(job.id(), new long[] {seq, sent});
                return JobOutcome.success();
              })
              .build();
      worker.start();
      JobClient client = Jobs.client(redis);
      long begin = System.nanoTime();
      for (int i = 0; i < total; i++) {
        LatencyFloors.pace(begin, rate, i);
        long sent = System.nanoTime();
        client.enqueue(JobRequest.of(Jobs.NOOP, (i + "," + sent).getBytes(StandardCharsets.US_ASCII)).queue(queue));
      }
      double achieved = Stats.perSecond(total, System.nanoTime() - begin);
      Jobs.await(() -> Jobs.allCompleted(redis, queue, total), Duration.ofSeconds(30), "the latency stream to finish");
      Jobs.await(started::isEmpty, Duration.ofSeconds(5), "the last settlements");
      worker.close();
      ObjectNode row = BenchContext.object();
      row.put("ratePerSecond", rate);
      row.put("achievedRatePerSecond", Stats.round(achieved, 0));
      long[] measured = LatencyFloors.withoutWarmup(pickup);
      row.put("jobs", measured.length);
      row.put("concurrency", CONCURRENCY);
      row.set("pickupMs", percentiles(measured));
      row.set("endToEndMs", percentiles(LatencyFloors.withoutWarmup(endToEnd)));
      return row;
    }
  }

  private static JsonNode percentiles(long[] nanos) {
    return new ObjectMapper().valueToTree(Stats.latencies(nanos));
  }
}
