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
import java.util.concurrent.locks.LockSupport;

/**
 * Latency under a steady stream: one producer thread enqueues at a fixed rate (1,000 and 5,000
 * jobs/s) while a running worker (concurrency 50, idle workers blocked on the wake-up, no polling
 * sleeps) takes them. Each payload carries its enqueue time ({@code System.nanoTime()}, same
 * JVM); pickup is enqueue → handler start, end-to-end is enqueue → Redis acknowledged the
 * completion. The first 20% of the stream is warm-up and not recorded.
 *
 * <p>For scale it also measures the floor: a bare {@code PING} round trip through Lettuce, paced
 * at 1,000/s from one thread on the same machine. A pickup is several such hops (the wake-up
 * message, the claim, the hand-over to a handler thread), so its tail cannot be shorter than this.
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
    out.set("floorMs", floor(ctx, RATES[0], ctx.size().latencyMillis));
    // The headline figures are those of the first rate (1,000 jobs/s).
    out.set("ratePerSecond", first.get("ratePerSecond"));
    out.set("pickupMs", first.get("pickupMs"));
    out.set("endToEndMs", first.get("endToEndMs"));
    return out;
  }

  private static ObjectNode stream(BenchContext ctx, int rate, int millis) throws Exception {
    ctx.reset();
    int total = (int) ((long) rate * millis / 1000);
    int warmup = total / 5;
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
      long period = 1_000_000_000L / rate;
      long begin = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = begin + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
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
      row.put("jobs", total - warmup);
      row.put("concurrency", CONCURRENCY);
      row.set("pickupMs", percentiles(tail(pickup, warmup)));
      row.set("endToEndMs", percentiles(tail(endToEnd, warmup)));
      return row;
    }
  }

  /** Round trips of a bare PING paced at {@code rate}/s, the first 20% dropped as warm-up. */
  private static JsonNode floor(BenchContext ctx, int rate, int millis) {
    int total = (int) ((long) rate * millis / 1000);
    long[] rtt = new long[total];
    long period = 1_000_000_000L / rate;
    long begin = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long wait = begin + i * period - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long t0 = System.nanoTime();
      ctx.meter().redis().ping();
      rtt[i] = System.nanoTime() - t0;
    }
    return percentiles(tail(rtt, total / 5));
  }

  private static long[] tail(long[] samples, int skip) {
    long[] out = new long[samples.length - skip];
    System.arraycopy(samples, skip, out, 0, out.length);
    return out;
  }

  private static JsonNode percentiles(long[] nanos) {
    return new ObjectMapper().valueToTree(Stats.latencies(nanos));
  }
}
