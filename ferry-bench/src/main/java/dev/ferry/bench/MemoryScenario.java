package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.EnqueueResult;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.internal.Await;
import dev.ferry.redis.internal.Keys;
import dev.ferry.redis.internal.Script;
import dev.ferry.redis.internal.ScriptRunner;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Redis memory per pending job: {@code used_memory} before and after storing N pending jobs with
 * a 100-byte payload, divided by N; compared with the job's own bytes.
 *
 * <p>The job's own bytes are counted two ways: the record (the payload plus every field name and
 * value a job has, plus its id in the pending list: what a hash per job stored before ADR 0009)
 * and, stricter, its values only (no field names). The report also gives the length of the packed
 * value the queue's jobs hash holds for it.
 */
final class MemoryScenario implements Scenario {
  static final int PAYLOAD_BYTES = 100;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ctx.reset();
    int jobs = ctx.size().memoryJobs;
    String queue = "memory";
    String prefix = ctx.newPrefix();
    Keys keys = new Keys(prefix);
    try (RedisBroker broker = RedisBroker.connect(ctx.uri(), prefix)) {
      JobClient client = Jobs.client(broker);
      client.enqueue(JobRequest.of(Jobs.NOOP, Jobs.payload(PAYLOAD_BYTES)).queue(queue));
      long before = ctx.meter().snapshot().usedMemory();
      Jobs.enqueueBulk(client, jobs, i -> JobRequest.of(Jobs.NOOP, Jobs.payload(PAYLOAD_BYTES)).queue(queue));
      long after = ctx.meter().snapshot().usedMemory();
      String id = client.enqueue(JobRequest.of(Jobs.NOOP, Jobs.payload(PAYLOAD_BYTES)).queue(queue)).id();
      long names = 0;
      long values = id.length();
      RedisClient redis = RedisClient.create(ctx.uri());
      try (StatefulRedisConnection<String, byte[]> c =
          redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
        List<?> fields = (List<?>) ((List<?>) Await.one(new ScriptRunner(c.async()).call(Script.READ_JOBS,
            new String[] {keys.jobs(queue), keys.jobPrefix(queue), keys.leases(queue)}, id.getBytes(StandardCharsets.UTF_8)),
            "read a job's fields")).get(0);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
          names += ((byte[]) fields.get(i)).length;
          values += ((byte[]) fields.get(i + 1)).length;
        }
        long stored = c.sync().hstrlen(keys.jobs(queue), id) + id.length();
        double perJob = Stats.ratio(after - before, jobs);
        ObjectNode out = BenchContext.object();
        out.put("jobs", jobs);
        out.put("payloadBytes", PAYLOAD_BYTES);
        out.put("recordBytes", names + values);
        out.put("valueBytes", values);
        out.put("storedBytes", stored);
        out.put("bytesPerJob", Stats.round(perJob, 1));
        out.put("overRecord", Stats.round(Stats.ratio(perJob, names + values), 2));
        out.put("overValues", Stats.round(Stats.ratio(perJob, values), 2));
        out.put("encoding", ctx.meter().redis().objectEncoding(keys.jobs(queue)));
        return out;
      } finally {
        redis.shutdown();
      }
    }
  }
}
