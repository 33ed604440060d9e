package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.redis.RedisBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Enqueue throughput: single {@code enqueue} calls from 1 and from 8 threads (the 8-thread run
 * also with the event log on, as a default client has it), and {@code enqueueAll} in batches of
 * 1,000. Every job stores its full record. Each
 * measurement follows a warm-up of {@link #WARMUP} jobs the same way, so it shows the compiled path.
 */
final class EnqueueScenario implements Scenario {
  static final int THREADS = 8;
  private static final byte[] PAYLOAD = Jobs.payload(100);
  /** Jobs enqueued (into another queue) before measuring, so the JIT has compiled the path. */
  static final int WARMUP = 40_000;

  @Override
  public String name() {
    return "enqueue";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ObjectNode out = BenchContext.object();
    int n = ctx.size().singleEnqueues;
    ObjectNode single1 = single(ctx, 1, n, false);
    ObjectNode single8 = single(ctx, THREADS, n, false);
    ObjectNode single8Logged = single(ctx, THREADS, n, true);
    ObjectNode bulk = bulk(ctx, ctx.size().bulkEnqueues);
    out.put("singleJobsPerSecond", single8.get("jobsPerSecond").asDouble());
    out.put("bulkJobsPerSecond", bulk.get("jobsPerSecond").asDouble());
    out.set("single1Thread", single1);
    out.set("single8Threads", single8);
    out.set("single8ThreadsEventLog", single8Logged);
    out.set("bulk", bulk);
    return out;
  }

  /** With {@code eventLog}, as a default client enqueues: each job also gets its "enqueued" line. */
  private static ObjectNode single(BenchContext ctx, int threads, int jobs, boolean eventLog) throws Exception {
    ctx.reset();
    try (RedisBroker broker = ctx.broker()) {
      JobClient client = eventLog ? JobClient.create(broker) : Jobs.client(broker);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        int each = jobs / threads;
        run(pool, threads, Math.min(each, WARMUP / threads), "warmup", client);
        Measurement m = Measurement.start(ctx.meter());
        run(pool, threads, each, "enqueue", client);
        m.stop();
        return row(m, (long) each * threads, "threads", threads);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** {@code threads} threads each enqueue {@code each} jobs into {@code queue}, one call per job. */
  private static void run(ExecutorService pool, int threads, int each, String queue, JobClient client) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          client.enqueue(JobRequest.of(Jobs.NOOP, PAYLOAD).queue(queue));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
  }

  private static ObjectNode bulk(BenchContext ctx, int jobs) {
    ctx.reset();
    try (RedisBroker broker = ctx.broker()) {
      JobClient client = Jobs.client(broker);
      Jobs.enqueueBulk(client, Math.min(jobs, WARMUP), i -> JobRequest.of(Jobs.NOOP, PAYLOAD).queue("warmup"));
      Measurement m = Measurement.start(ctx.meter());
      Jobs.enqueueBulk(client, jobs, i -> JobRequest.of(Jobs.NOOP, PAYLOAD).queue("enqueue"));
      m.stop();
      return row(m, jobs, "batch", Jobs.BATCH);
    }
  }

  private static ObjectNode row(Measurement m, long jobs, String key, int value) {
    ObjectNode row = BenchContext.object();
    row.put(key, value);
    row.put("jobs", jobs);
    row.put("jobsPerSecond", Stats.round(m.perSecond(jobs), 0));
    row.put("redisCommandsPerJob", Stats.round(m.commandsPerJob(jobs), 2));
    row.put("scriptCallsPerJob", Stats.round(m.scriptCallsPerJob(jobs), 3));
    row.put("redisCpuCores", Stats.round(m.redisCores(), 2));
    row.put("jvmCpuCores", Stats.round(m.jvmCores(), 2));
    return row;
  }
}
