package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobClient;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.Worker;
import dev.ferry.redis.RedisBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Throughput with failures: every tenth job fails its first attempt (the handler throws) and is
 * retried at once (a zero-backoff retry policy), so it goes through retry → promote → pending →
 * claim again. Reports jobs/s until every job is completed.
 */
final class MixedScenario implements Scenario {
  static final int CONCURRENCY = 100;

  @Override
  public String name() {
    return "mixed";
  }

  @Override
  public JsonNode run(BenchContext ctx) throws Exception {
    ctx.reset();
    int jobs = ctx.size().mixedJobs;
    String queue = "mixed";
    try (RedisBroker broker = ctx.broker()) {
      Jobs.enqueueBulk(Jobs.client(broker), jobs,
          i -> JobRequest.of(Jobs.NOOP, Integer.toString(i).getBytes(StandardCharsets.US_ASCII)).queue(queue));
      Worker worker =
          Worker.builder(broker)
              .eventLog(false)
              .queue(queue)
              .concurrency(CONCURRENCY)
              .retryPolicy((attempt, error) -> Duration.ZERO)
              .handle(Jobs.NOOP, job -> {
                if (job.attempt() == 1 && Integer.parseInt(job.payloadText()) % 10 == 0) {
                  throw new IllegalStateException("bench: fails once");
                }
                return JobOutcome.success();
              })
              .build();
      Measurement m = Measurement.start(ctx.meter());
      worker.start();
      Jobs.await(() -> Jobs.allCompleted(broker, queue, jobs), Duration.ofSeconds(120), "the mixed jobs to complete");
      m.stop();
      worker.close();
      ObjectNode out = BenchContext.object();
      out.put("jobs", jobs);
      out.put("failingFirstAttempt", (jobs + 9) / 10);
      out.put("concurrency", CONCURRENCY);
      out.put("jobsPerSecond", Stats.round(m.perSecond(jobs), 0));
      out.put("redisCommandsPerJob", Stats.round(m.commandsPerJob(jobs), 2));
      return out;
    }
  }
}
