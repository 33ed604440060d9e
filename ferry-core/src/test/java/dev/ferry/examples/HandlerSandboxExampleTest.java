package dev.ferry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobContext;
import dev.ferry.JobHandler;
import dev.ferry.JobInfo;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.JobState;
import dev.ferry.RetryPolicy;
import dev.ferry.Worker;
import dev.ferry.memory.InMemoryBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How users unit-test their own handlers: a real {@link Worker} on the {@link InMemoryBroker}, no
 * Redis. The README links here.
 */
class HandlerSandboxExampleTest {

  /** The user's handler under test: sends a welcome mail, refuses payloads without a user. */
  record WelcomeHandler(List<Integer> outbox) implements JobHandler {
    @Override
    public JobOutcome handle(JobContext job) {
      Map<?, ?> payload = job.payloadAs(Map.class);
      if (!(payload.get("user") instanceof Integer user)) {
        return JobOutcome.discard("payload has no user id");
      }
      outbox.add(user);
      return JobOutcome.success();
    }
  }

  private final InMemoryBroker broker = new InMemoryBroker();
  private final JobClient client = JobClient.create(broker);
  private final List<Integer> outbox = new CopyOnWriteArrayList<>();
  private final Worker worker =
      Worker.builder(broker)
          .handle("email.welcome", new WelcomeHandler(outbox))
          .retryPolicy(RetryPolicy.fixed(Duration.ofMillis(10))) // fast retries in tests
          .build();

  @AfterEach
  void stop() {
    worker.close();
    broker.close();
  }

  private JobInfo awaitFinal(String id) {
    await().atMost(Duration.ofSeconds(10)).until(() -> client.inspect(id).orElseThrow().state().isFinal());
    return client.inspect(id).orElseThrow();
  }

  @Test
  void sendsTheWelcomeMail() {
    worker.start();
    String id = client.enqueue(JobRequest.ofJson("email.welcome", Map.of("user", 42))).id();
    assertThat(awaitFinal(id).state()).isEqualTo(JobState.COMPLETED);
    assertThat(outbox).containsExactly(42);
  }

  @Test
  void discardsAPayloadWithoutAUser() {
    worker.start();
    String id = client.enqueue(JobRequest.ofJson("email.welcome", Map.of("name", "x"))).id();
    JobInfo job = awaitFinal(id);
    assertThat(job.state()).isEqualTo(JobState.DEAD);
    assertThat(job.lastError()).contains("payload has no user id");
    assertThat(outbox).isEmpty();
  }
}
