package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.EnqueueResult;
import dev.ferry.JobClient;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.QueueCounts;
import dev.ferry.Worker;
import dev.ferry.spi.Broker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Java example, compiled and run here; a test checks the README shows this code. */
class ReadmeExampleIT {

  @SuppressWarnings("unused")
  static void example(String redisUri) throws Exception {
    // readme-example:start
    try (Broker broker = RedisBroker.connect(redisUri)) {
      JobClient client = JobClient.create(broker);

      // Produce: a type that routes to a handler, a JSON payload, options.
      EnqueueResult welcome = client.enqueue(
          JobRequest.ofJson("email.welcome", Map.of("user", 42))
              .queue("critical")
              .maxRetries(5)
              .uniqueFor(Duration.ofMinutes(10)));
      client.enqueue(JobRequest.ofJson("report.build", Map.of("month", "2026-11"))
          .delay(Duration.ofSeconds(1)));

      // Work: handlers by type, bounded concurrency, weighted queues.
      Worker worker = Worker.builder(broker)
          .queue("critical", 6).queue("default", 3)
          .concurrency(20)
          .handle("email.welcome", job -> {
            Map<?, ?> payload = job.payloadAs(Map.class);
            System.out.println("welcome user " + payload.get("user") + ", attempt " + job.attempt());
            return JobOutcome.success();
          })
          .handle("report.build", job -> {
            if (job.attempt() < 2) {
              throw new IllegalStateException("warehouse not ready"); // retried with backoff
            }
            return JobOutcome.success();
          })
          .build();
      worker.start();
      Thread.sleep(5_000); // the application goes on; jobs run in the background
      worker.close();      // graceful: stop claiming, let running jobs finish, hand the rest back
    }
    // readme-example:end
  }

  @Test
  void readmeExampleRunsAndItsJobsComplete() throws Exception {
    try (RedisProcess redis = RedisProcess.start()) {
      example(redis.uri());
      try (Broker broker = RedisBroker.connect(redis.uri())) {
        Map<String, QueueCounts> stats = JobClient.create(broker).stats();
        assertThat(stats.get("critical").completed()).isEqualTo(1);
        assertThat(stats.get("default").completed()).isEqualTo(1);
      }
    }
  }

  @Test
  void readmeShowsExactlyThisExample() throws Exception {
    Path here = Path.of("src/test/java/dev/ferry/redis/ReadmeExampleIT.java");
    String source = block(Files.readString(here), "    // readme-example:start\n", "    // readme-example:end");
    String readme = block(Files.readString(Path.of("../README.md")), "<!-- readme-example:start -->\n```java\n", "```\n<!-- readme-example:end -->");
    assertThat(normalize(readme)).isEqualTo(normalize(source));
  }

  private static String block(String text, String start, String end) {
    int from = text.indexOf(start);
    int to = text.indexOf(end, from + 1);
    assertThat(from).as("marker %s", start.strip()).isGreaterThanOrEqualTo(0);
    assertThat(to).as("marker %s", end.strip()).isGreaterThan(from);
    return text.substring(from + start.length(), to);
  }

  private static List<String> normalize(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
