package dev.ferry.bench;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.spi.Broker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/** Helpers the scenarios share: payloads, bulk enqueue, waiting for a queue to drain. */
final class Jobs {
  /** The type every benchmark job has; its handler does nothing. */
  static final String NOOP = "bench.noop";

  static final int BATCH = 1_000;

  private Jobs() {}

  /**
   * A client without the event log: the bench measures the job path, and the event log (on by
   * default for users) is measured separately in the process scenario.
   */
  static JobClient client(Broker broker) {
    return JobClient.builder(broker).eventLog(false).build();
  }

  /** A payload of exactly {@code n} bytes of JSON-safe text. */
  static byte[] payload(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  /** Enqueues {@code count} jobs built by {@code request} in batches of 1,000. */
  static void enqueueBulk(JobClient client, int count, IntFunction<JobRequest> request) {
    List<JobRequest> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < count; i++) {
      batch.add(request.apply(i));
      if (batch.size() == BATCH) {
        client.enqueueAll(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      client.enqueueAll(batch);
    }
  }

  /** Waits until {@code done} holds, checking every millisecond, at most {@code timeout}. */
  static void await(BooleanSupplier done, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(1);
    }
  }

  /** Whether all {@code n} jobs of {@code queue} are completed. */
  static boolean allCompleted(Broker broker, String queue, long n) {
    return broker.counts(queue).completed() >= n;
  }
}
