package dev.ferry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.memory.InMemoryBroker;
import dev.ferry.spi.Broker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.SettleResult;
import dev.ferry.spi.Settlement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompleterTest {
  private static final Duration LEASE = Duration.ofMinutes(1);

  @Test
  void aCallbackThatThrowsNeitherResendsTheBatchNorStopsTheOtherCallbacks() {
    InMemoryBroker real = new InMemoryBroker();
    JobClient client = JobClient.create(real);
    client.enqueue(JobRequest.of("t").queue("q"));
    client.enqueue(JobRequest.of("t").queue("q"));
    List<ClaimedJob> claimed = real.claim(List.of("q"), 2, LEASE);
    AtomicInteger settleCalls = new AtomicInteger();
    Broker counting = (Broker) Proxy.newProxyInstance(
        Broker.class.getClassLoader(), new Class<?>[] {Broker.class}, (proxy, method, args) -> {
          if (method.getName().equals("settle")) {
            settleCalls.incrementAndGet();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    List<String> called = new CopyOnWriteArrayList<>();
    Completer completer = new Completer(counting);
    // both queued before the thread starts, so they go out as one batch
    completer.submit(new Settlement.Complete(claimed.get(0).lease()), r -> {
      called.add("first " + r);
      throw new IllegalStateException("a listener's bug");
    });
    completer.submit(new Settlement.Complete(claimed.get(1).lease()), r -> called.add("second " + r));
    completer.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> called.size() == 2);
      completer.close(5_000);
      assertThat(called).containsExactly("first " + SettleResult.OK, "second " + SettleResult.OK);
      assertThat(settleCalls).as("the batch is not sent again").hasValue(1);
    } finally {
      completer.close(1_000);
    }
  }
}
