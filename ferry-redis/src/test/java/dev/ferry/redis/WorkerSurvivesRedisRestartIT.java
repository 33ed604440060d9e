package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.FerryException;
import dev.ferry.JobClient;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.QueueCounts;
import dev.ferry.RetryPolicy;
import dev.ferry.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A running worker and producer outlive a Redis restart (AOF on): work resumes without restarting
 * either, and no job is left stuck in active.
 */
@Tag("slow")
class WorkerSurvivesRedisRestartIT {
  private static final String Q = "restart-worker";

  @Test
  void workResumesAfterRedisRestartsAndNoJobIsStuck() {
    try (RedisProcess redis = RedisProcess.startWithAof();
        RedisBroker broker = RedisBroker.connect(redis.uri())) {
      JobClient client = JobClient.create(broker);
      Set<String> ran = ConcurrentHashMap.newKeySet();
      Worker worker = Worker.builder(broker)
          .queue(Q)
          .concurrency(4)
          .leaseTimeout(Duration.ofSeconds(3))
          .retryPolicy(RetryPolicy.fixed(Duration.ofMillis(50)))
          .handle("work", job -> {
            Thread.sleep(5);
            ran.add(job.id());
            return JobOutcome.success();
          })
          .build();
      worker.start();
      try {
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
          List<JobRequest> batch = new ArrayList<>();
          for (int i = 0; i < 300; i++) {
            batch.add(JobRequest.of("work").queue(Q));
          }
          client.enqueueAll(batch).forEach(r -> ids.add(r.id()));
          if (round == 0) {
            await().atMost(Duration.ofSeconds(20)).until(() -> ran.size() >= 50);
            redis.restart(); // mid-run: some jobs are active, some pending, settlements in flight
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(FerryException.class)
                .until(() -> broker.counts(Q) != null);
          }
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(FerryException.class)
            .until(() -> broker.counts(Q).completed() == ids.size());
        QueueCounts c = broker.counts(Q);
        assertThat(c.active()).as("nothing stuck in active").isZero();
        assertThat(c.pending() + c.retry() + c.dead()).isZero();
        assertThat(ran).containsAll(ids);
      } finally {
        worker.close();
      }
    }
  }
}
