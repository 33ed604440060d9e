package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobClient;
import dev.ferry.JobState;
import dev.ferry.JobRequest;
import dev.ferry.redis.RedisBroker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.Settlement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Operator reads against a big store: with N jobs stored (60% pending, 10% scheduled, 20% dead,
 * 10% completed), the time of {@code stats()}, a page of 100 dead jobs and a page of 100 pending
 * jobs, each the median of 50 calls, for a small and a large N. Every index is its own structure,
 * so the two must be of the same order; a scan would grow with N.
 */
final class ScaleScenario implements Scenario {
  static final int PAGE = 100;
  static final int REPEATS = 50;
  private static final byte[] PAYLOAD = Jobs.payload(20);

  @Override
  public String name() {
    return "scale";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ObjectNode small = measure(ctx, ctx.size().scaleSmall);
    ObjectNode large = measure(ctx, ctx.size().scaleLarge);
    ObjectNode out = BenchContext.object();
    out.set("small", small);
    out.set("large", large);
    ObjectNode ratio = out.putObject("largeOverSmall");
    for (String op : List.of("statsMs", "deadPageMs", "pendingPageMs")) {
      ratio.put(op, Stats.round(Stats.ratio(large.get(op).asDouble(), small.get(op).asDouble()), 2));
    }
    return out;
  }

  private static ObjectNode measure(BenchContext ctx, int stored) {
    ctx.reset();
    String queue = "scale";
    try (RedisBroker broker = ctx.broker()) {
      JobClient client = Jobs.client(broker);
      long seedStart = System.nanoTime();
      int scheduled = stored / 10;
      int settled = stored * 3 / 10;
      Jobs.enqueueBulk(client, stored - scheduled, i -> JobRequest.of(Jobs.NOOP, PAYLOAD).queue(queue));
      Jobs.enqueueBulk(client, scheduled,
          i -> JobRequest.of(Jobs.NOOP, PAYLOAD).queue(queue).delay(Duration.ofHours(1)));
      // Settle 30%: two thirds dead, one third completed, through the broker's own claim and settle.
      for (int done = 0; done < settled; ) {
        List<ClaimedJob> claimed = broker.claim(List.of(queue), Math.min(Jobs.BATCH, settled - done), Duration.ofMinutes(5));
        List<Settlement> settlements = new ArrayList<>(claimed.size());
        for (ClaimedJob j : claimed) {
          settlements.add((done + settlements.size()) % 3 == 0
              ? new Settlement.Complete(j.lease())
              : new Settlement.Dead(j.lease(), "bench: seeded dead"));
        }
        broker.settle(settlements);
        done += claimed.size();
      }
      double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
      ObjectNode row = BenchContext.object();
      row.put("storedJobs", stored);
      row.put("seedSeconds", Stats.round(seedSeconds, 2));
      row.put("statsMs", time(client::stats));
      row.put("deadPageMs", time(() -> client.deadJobs(queue, null, PAGE)));
      row.put("pendingPageMs", time(() -> client.list(queue, JobState.PENDING, null, PAGE)));
      return row;
    }
  }

  /** The median of {@link #REPEATS} timed calls, after a few warm-up calls, in ms. */
  private static double time(Supplier<?> op) {
    for (int i = 0; i < 5; i++) {
      op.get();
    }
    long[] nanos = new long[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long t = System.nanoTime();
      op.get();
      nanos[i] = System.nanoTime() - t;
    }
    return Stats.millis(Stats.median(nanos));
  }
}
