package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ceiling: raw {@code LPUSH} + {@code RPOP} pairs through Lettuce on the same Redis, pipelined
 * 1,000 pairs per flush on one connection. What a queue with no records, leases or scripts could
 * do; Ferry's best processing rate is reported as a share of it.
 */
final class CeilingScenario implements Scenario {
  static final int PIPELINE = 1_000;

  @Override
  public String name() {
    return "ceiling";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ctx.reset();
    int pairs = ctx.size().ceilingPairs;
    String key = ctx.newPrefix() + ":{ceiling}:list";
    RedisClient client = RedisClient.create(ctx.uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      RedisAsyncCommands<String, String> redis = c.async();
      c.setAutoFlushCommands(false);
      pump(c, redis, key, PIPELINE * 10);
      Measurement m = Measurement.start(ctx.meter());
      pump(c, redis, key, pairs);
      m.stop();
      c.setAutoFlushCommands(true);
      redis.del(key);
      ObjectNode out = BenchContext.object();
      out.put("pairs", pairs);
      out.put("pipeline", PIPELINE);
      out.put("pairsPerSecond", Stats.round(m.perSecond(pairs), 0));
      out.put("redisCpuCores", Stats.round(m.redisCores(), 2));
      return out;
    } finally {
      client.shutdown();
    }
  }

  private static void pump(StatefulRedisConnection<String, String> c, RedisAsyncCommands<String, String> redis,
      String key, int pairs) {
    List<RedisFuture<?>> inFlight = new ArrayList<>(PIPELINE * 2);
    for (int done = 0; done < pairs; ) {
      int n = Math.min(PIPELINE, pairs - done);
      for (int i = 0; i < n; i++) {
        inFlight.add(redis.lpush(key, "x"));
        inFlight.add(redis.rpop(key));
      }
      c.flushCommands();
      if (!LettuceFutures.awaitAll(Duration.ofSeconds(30), inFlight.toArray(new RedisFuture<?>[0]))) {
        throw new IllegalStateException("the ceiling pipeline timed out");
      }
      inFlight.clear();
      done += n;
    }
  }
}
