package dev.ferry.internal;

import dev.ferry.spi.Broker;
import dev.ferry.spi.SettleResult;
import dev.ferry.spi.Settlement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends settlements to the broker in batches: one thread takes whatever has queued up while the
 * previous batch was in flight and settles it in one call. Under load many jobs share a round
 * trip; when idle a single settlement goes at once (no fixed tick to wait for).
 *
 * <p>A settlement's callback runs after the broker answered: the job leaves the worker's in-flight
 * set then (and frees its slot, if the handler's end could not). If the broker is unreachable the
 * batch is retried until it lands or the completer is closed: a lease that expires meanwhile is
 * reaped, never lost.
 */
public final class Completer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Completer.class);
  static final int MAX_BATCH = 500;

  /** A settlement waiting to be sent and what to do once the broker answered. */
  private record Item(Settlement settlement, Consumer<SettleResult> done) {}

  private final Broker broker;
  private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  public Completer(Broker broker) {
    this.broker = broker;
    this.thread = new Thread(this::loop, "ferry-completer");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Queues a settlement; {@code done} runs with the broker's answer (on the completer thread). */
  public void submit(Settlement settlement, Consumer<SettleResult> done) {
    queue.add(new Item(settlement, done));
  }

  private void loop() {
    List<Item> batch = new ArrayList<>(MAX_BATCH);
    while (!(closing && queue.isEmpty())) {
      try {
        Item first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        send(batch);
        batch.clear();
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  private void send(List<Item> batch) throws InterruptedException {
    List<Settlement> settlements = new ArrayList<>(batch.size());
    for (Item i : batch) {
      settlements.add(i.settlement());
    }
    long backoff = 50;
    List<SettleResult> results;
    while (true) {
      try {
        results = broker.settle(settlements);
        break;
      } catch (RuntimeException e) {
        LOG.warn("settling {} jobs failed, retrying in {} ms: {}", batch.size(), backoff, e.toString());
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 2000);
      }
    }
    // Outside the retry: a callback that throws (a listener's bug) must not re-send the batch and
    // run the earlier callbacks twice, nor stop the others.
    for (int i = 0; i < batch.size(); i++) {
      try {
        batch.get(i).done().accept(results.get(i));
      } catch (RuntimeException e) {
        LOG.error("after settling {}: a callback failed", batch.get(i).settlement().lease(), e);
      }
    }
  }

  /** How many settlements wait to be sent. */
  public int backlog() {
    return queue.size();
  }

  /** Sends what is queued, waiting up to {@code millis}, then stops. Idempotent. */
  public void close(long millis) {
    closing = true;
    try {
      thread.join(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }

  @Override
  public void close() {
    close(10_000);
  }
}
