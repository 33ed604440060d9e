package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.EnqueueResult;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.internal.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Redis memory per pending job: {@code used_memory} before and after storing N pending jobs with
 * a 100-byte payload, divided by N; compared with the job's own bytes (the payload plus every
 * field name and value of its record, plus its id in the pending list).
 *
 * <p>Redis keeps a hash compact (listpack) only while every value is at most {@code
 * hash-max-listpack-value} bytes (64 by default), so a 100-byte payload turns each job's hash
 * into a hashtable. On a Redis the harness started itself, the scenario also measures with that
 * limit raised to {@link #LISTPACK_VALUE} to show what the setting is worth; a given Redis is
 * never reconfigured.
 */
final class MemoryScenario implements Scenario {
  static final int PAYLOAD_BYTES = 100;
  static final int LISTPACK_VALUE = 1024;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ObjectNode out = measure(ctx);
    if (ctx.ownsRedis()) {
      String before = ctx.meter().redis().configGet("hash-max-listpack-value").get("hash-max-listpack-value");
      ctx.meter().redis().configSet("hash-max-listpack-value", Integer.toString(LISTPACK_VALUE));
      try {
        ObjectNode tuned = measure(ctx);
        tuned.put("hashMaxListpackValue", LISTPACK_VALUE);
        out.set("listpackTuned", tuned);
      } finally {
        ctx.meter().redis().configSet("hash-max-listpack-value", before);
      }
    }
    return out;
  }

  private static ObjectNode measure(BenchContext ctx) {
    ctx.reset();
    int jobs = ctx.size().memoryJobs;
    String queue = "memory";
    String prefix = ctx.newPrefix();
    try (RedisBroker broker = RedisBroker.connect(ctx.uri(), prefix)) {
      JobClient client = Jobs.client(broker);
      client.enqueue(JobRequest.of(Jobs.NOOP, Jobs.payload(PAYLOAD_BYTES)).queue(queue));
      long before = ctx.meter().snapshot().usedMemory();
      Jobs.enqueueBulk(client, jobs, i -> JobRequest.of(Jobs.NOOP, Jobs.payload(PAYLOAD_BYTES)).queue(queue));
      long after = ctx.meter().snapshot().usedMemory();
      EnqueueResult sample = client.enqueue(JobRequest.of(Jobs.NOOP, Jobs.payload(PAYLOAD_BYTES)).queue(queue));
      long recordBytes = recordBytes(ctx.uri(), new Keys(prefix).job(queue, sample.id())) + sample.id().length();
      double perJob = Stats.ratio(after - before, jobs);
      ObjectNode out = BenchContext.object();
      out.put("jobs", jobs);
      out.put("payloadBytes", PAYLOAD_BYTES);
      out.put("recordBytes", recordBytes);
      out.put("bytesPerJob", Stats.round(perJob, 1));
      out.put("overRecord", Stats.round(Stats.ratio(perJob, recordBytes), 2));
      out.put("encoding", encoding(ctx, new Keys(prefix).job(queue, sample.id())));
      return out;
    }
  }

  /** The job's own bytes: every field name and value of its hash. */
  private static long recordBytes(String uri, String jobKey) {
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
      long n = 0;
      for (Map.Entry<byte[], byte[]> e : c.sync().hgetall(jobKey.getBytes(StandardCharsets.UTF_8)).entrySet()) {
        n += e.getKey().length + e.getValue().length;
      }
      return n;
    } finally {
      client.shutdown();
    }
  }

  private static String encoding(BenchContext ctx, String key) {
    return ctx.meter().redis().objectEncoding(key);
  }
}
