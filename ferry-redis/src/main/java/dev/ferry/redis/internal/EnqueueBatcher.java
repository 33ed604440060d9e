package dev.ferry.redis.internal;

import dev.ferry.EnqueueResult;
import dev.ferry.spi.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Group commit for single enqueues from many threads: a caller that finds no batch in flight
 * sends everything queued (its own job included) as one batch; callers that arrive while a batch
 * is in flight queue up and go out together in the next one, sent by one of them. Nobody waits for
 * a timer: a lone caller's job goes out at once, and under concurrency many jobs share one script
 * call and one round trip (the completer does the same for settlements). Each caller sends at most
 * until its own job is sent, so no thread is kept serving others.
 *
 * <p>Order is kept: jobs are sent in arrival order, so uniqueness and caller-given ids resolve
 * exactly as if the calls had been made one by one.
 */
final class EnqueueBatcher {
  /** Most jobs one batch carries (the producer splits it into script calls further). */
  static final int MAX_BATCH = 1_000;

  private record Waiting(JobSpec spec, CompletableFuture<EnqueueResult> result) {}

  private final Function<List<JobSpec>, List<EnqueueResult>> send;
  private final Object lock = new Object();
  private List<Waiting> queued = new ArrayList<>();
  private boolean sending;

  EnqueueBatcher(Function<List<JobSpec>, List<EnqueueResult>> send) {
    this.send = send;
  }

  EnqueueResult enqueue(JobSpec spec) {
    Waiting mine = new Waiting(spec, new CompletableFuture<>());
    boolean interrupted = false;
    synchronized (lock) {
      queued.add(mine);
    }
    while (!mine.result().isDone()) {
      List<Waiting> batch;
      synchronized (lock) {
        if (mine.result().isDone()) {
          break;
        }
        if (sending) {
          try {
            lock.wait(); // a batch is in flight: ours goes in the next one
          } catch (InterruptedException e) {
            interrupted = true; // finish the enqueue (it may already be in flight); re-flag below
          }
          continue;
        }
        sending = true;
        batch = take();
      }
      try {
        send(batch);
      } finally {
        synchronized (lock) {
          sending = false;
          lock.notifyAll(); // the next waiter leads; each caller leads only until its own job is sent
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      return mine.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Takes up to {@link #MAX_BATCH} queued jobs, oldest first (holding the lock). */
  private List<Waiting> take() {
    if (queued.size() <= MAX_BATCH) {
      List<Waiting> batch = queued;
      queued = new ArrayList<>();
      return batch;
    }
    List<Waiting> batch = new ArrayList<>(queued.subList(0, MAX_BATCH));
    queued = new ArrayList<>(queued.subList(MAX_BATCH, queued.size()));
    return batch;
  }

  private void send(List<Waiting> batch) {
    List<JobSpec> specs = new ArrayList<>(batch.size());
    batch.forEach(w -> specs.add(w.spec()));
    try {
      List<EnqueueResult> results = this.send.apply(specs);
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(results.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(w -> w.result().completeExceptionally(e));
    }
  }
}
