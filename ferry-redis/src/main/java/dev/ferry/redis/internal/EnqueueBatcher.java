package dev.ferry.redis.internal;

import dev.ferry.EnqueueResult;
import dev.ferry.spi.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Group commit for single enqueues from many threads. A caller that finds a free send slot sends
 * everything queued (its own job included) as one batch; callers that arrive while every slot is
 * taken queue up and go out together in the next batch, sent by one of them. Up to
 * {@link #MAX_IN_FLIGHT} batches are on the wire at once (pipelined on the one connection), so a
 * round trip is not wasted waiting for the previous one. Nobody waits for a timer: a lone
 * caller's job goes out at once. A caller leads only until its own job is sent, so no thread is
 * kept serving others.
 *
 * <p>Order is kept: batches are dispatched in arrival order under one lock, and Redis runs the
 * commands of one connection in the order they were written, so uniqueness and caller-given ids
 * resolve exactly as if the calls had been made one by one. (One exception: when Redis has lost
 * its script cache, a batch is retried after reloading the script and may then run after the
 * batch that followed it. Only calls from different threads are ever in different batches in
 * flight, and those have no order of their own; one thread's calls keep theirs.)
 */
final class EnqueueBatcher {
  /** Most jobs one batch carries (the producer splits it into script calls further). */
  static final int MAX_BATCH = 1_000;

  /** Batches on the wire at once. */
  static final int MAX_IN_FLIGHT = 2;

  private static final class Waiting {
    final JobSpec spec;
    final CompletableFuture<EnqueueResult> result = new CompletableFuture<>();
    boolean dispatched; // guarded by the batcher's lock

    Waiting(JobSpec spec) {
      this.spec = spec;
    }
  }

  private final Function<List<JobSpec>, Supplier<List<EnqueueResult>>> dispatch;
  private final int maxBatch;
  private final Object lock = new Object();
  private List<Waiting> queued = new ArrayList<>();
  private int inFlight;

  /**
   * @param dispatch issues a batch's Redis calls without waiting (it is called for one batch at a
   *     time, in order) and returns what waits for and decodes the results
   */
  EnqueueBatcher(Function<List<JobSpec>, Supplier<List<EnqueueResult>>> dispatch) {
    this(dispatch, MAX_BATCH);
  }

  EnqueueBatcher(Function<List<JobSpec>, Supplier<List<EnqueueResult>>> dispatch, int maxBatch) {
    this.dispatch = dispatch;
    this.maxBatch = maxBatch;
  }

  EnqueueResult enqueue(JobSpec spec) {
    Waiting mine = new Waiting(spec);
    boolean interrupted = false;
    synchronized (lock) {
      queued.add(mine);
    }
    // Lead until our own job is sent: a batch holds at most MAX_BATCH jobs, oldest first, so the
    // one we send may not contain ours when more are queued.
    while (true) {
      List<Waiting> batch;
      Supplier<List<EnqueueResult>> sent = null;
      synchronized (lock) {
        while (!mine.dispatched && inFlight >= MAX_IN_FLIGHT) {
          try {
            lock.wait(); // every slot is busy: ours goes in a later batch, sent by us or another caller
          } catch (InterruptedException e) {
            interrupted = true; // finish the enqueue (it may already be in flight); re-flag below
          }
        }
        if (mine.dispatched) {
          break;
        }
        batch = take();
        try {
          sent = dispatch.apply(specs(batch));
          inFlight++;
        } catch (RuntimeException e) {
          fail(batch, e);
        }
      }
      if (sent != null) {
        try {
          List<EnqueueResult> results = sent.get();
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(results.get(i));
          }
        } catch (RuntimeException e) {
          fail(batch, e);
        } finally {
          synchronized (lock) {
            inFlight--;
            lock.notifyAll(); // a slot is free: the next waiter sends what queued meanwhile
          }
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      return mine.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Takes up to {@code maxBatch} queued jobs, oldest first, and marks them dispatched (holding the lock). */
  private List<Waiting> take() {
    List<Waiting> batch;
    if (queued.size() <= maxBatch) {
      batch = queued;
      queued = new ArrayList<>();
    } else {
      batch = new ArrayList<>(queued.subList(0, maxBatch));
      queued = new ArrayList<>(queued.subList(maxBatch, queued.size()));
    }
    batch.forEach(w -> w.dispatched = true);
    return batch;
  }

  private static List<JobSpec> specs(List<Waiting> batch) {
    List<JobSpec> specs = new ArrayList<>(batch.size());
    batch.forEach(w -> specs.add(w.spec));
    return specs;
  }

  private static void fail(List<Waiting> batch, RuntimeException e) {
    batch.forEach(w -> w.result.completeExceptionally(e));
  }
}
