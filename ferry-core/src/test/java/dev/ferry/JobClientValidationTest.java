package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.memory.InMemoryBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input at the Java API: a clear error naming the problem, and nothing written. */
class JobClientValidationTest {
  private final InMemoryBroker broker = new InMemoryBroker();
  private final JobClient client = JobClient.builder(broker).maxPayloadBytes(16).build();

  private void assertRefused(JobRequest request, String message) {
    assertThatThrownBy(() -> client.enqueue(request)).isInstanceOf(InvalidJobException.class).hasMessageContaining(message);
    assertThat(broker.queues()).as("nothing written").isEmpty();
  }

  @Test
  void refusesEmptyOrBlankType() {
    assertRefused(JobRequest.of(""), "job type must not be empty");
    assertRefused(JobRequest.of("   "), "job type must not be empty");
    assertRefused(JobRequest.of("a\nb"), "no control characters");
  }

  @Test
  void refusesNegativeDelay() {
    assertRefused(JobRequest.of("t").delay(Duration.ofSeconds(-1)), "delay must be zero or positive");
  }

  @Test
  void refusesPayloadOverTheLimit() {
    assertRefused(JobRequest.of("t", new byte[17]), "payload is 17 bytes, over the limit of 16 bytes");
    assertThat(client.enqueue(JobRequest.of("t", new byte[16])).duplicate()).isFalse();
  }

  @Test
  void defaultPayloadLimitIsOneMebibyte() {
    JobClient defaults = JobClient.create(broker);
    assertThatThrownBy(() -> defaults.enqueue(JobRequest.of("t", new byte[1024 * 1024 + 1])))
        .hasMessageContaining("over the limit of 1048576 bytes");
    assertThat(defaults.enqueue(JobRequest.of("t", new byte[1024 * 1024])).duplicate()).isFalse();
  }

  @Test
  void refusesInvalidQueueNames() {
    for (String q : new String[] {"", "has space", "brace{x}", "colon:x", "x".repeat(101)}) {
      assertRefused(JobRequest.of("t").queue(q), "queue name");
    }
    assertRefused(JobRequest.of("t").queue(null), "queue name 'null' is invalid");
  }

  @Test
  void refusesBadOptions() {
    assertRefused(JobRequest.of("t").maxRetries(-1), "maxRetries must be between 0 and 10000");
    assertRefused(JobRequest.of("t").timeout(Duration.ZERO), "timeout must be at least 1 ms");
    assertRefused(JobRequest.of("t").uniqueFor(Duration.ofSeconds(-5)), "uniqueFor must be at least 1 ms");
    assertRefused(JobRequest.of("t").uniqueKey("k"), "uniqueKey needs uniqueFor");
    assertRefused(JobRequest.of("t").id("has space"), "job id 'has space' is invalid");
  }

  @Test
  void refusesMalformedJsonPayloadObjects() {
    Object unserializable = new Object() {
      @SuppressWarnings("unused")
      public Object getSelf() {
        return this;
      }
    };
    assertThatThrownBy(() -> JobRequest.ofJson("t", unserializable))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("cannot be written as JSON");
  }

  @Test
  void bulkEnqueueWritesNothingWhenOneRequestIsInvalid() {
    assertThatThrownBy(() -> client.enqueueAll(List.of(JobRequest.of("ok"), JobRequest.of(""))))
        .isInstanceOf(InvalidJobException.class);
    assertThat(broker.queues()).isEmpty();
  }

  @Test
  void runAtInThePastMeansNow() {
    EnqueueResult r = client.enqueue(JobRequest.of("t").runAt(Instant.now().minusSeconds(60)));
    assertThat(r.state()).isEqualTo(JobState.PENDING);
  }

  @Test
  void operatorCallsCheckTheirArguments() {
    assertThatThrownBy(() -> client.inspect("bad id")).hasMessageContaining("job id 'bad id' is invalid");
    assertThatThrownBy(() -> client.list("q", JobState.DEAD, null, 0)).hasMessageContaining("limit must be between 1 and 1000");
    assertThatThrownBy(() -> client.list("q", JobState.DEAD, "not-a-cursor", 10)).hasMessageContaining("cursor 'not-a-cursor' is invalid");
    assertThatThrownBy(() -> client.purgeDead("bad queue")).hasMessageContaining("queue name");
  }
}
