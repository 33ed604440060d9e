package dev.ferry.redis.internal;

import dev.ferry.EnqueueResult;
import dev.ferry.FerryException;
import dev.ferry.spi.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Group commit for single enqueues from many threads. A caller that finds a free send slot sends
 * everything queued (its own job included) as one batch; callers that arrive while every slot is
 * taken queue up, and their jobs go out together as soon as a slot frees. Up to
 * {@link #MAX_IN_FLIGHT} batches are on the wire at once (pipelined on the one connection).
 * Nobody waits for a timer: a lone caller's job goes out at once.
 *
 * <p>The next batch is sent by whoever frees a slot: the reply callback of the batch before it,
 * on the connection's own I/O thread. So between a reply and the next send no thread has to wake
 * up (a caller parked in between would cost a context switch, which on a small virtual machine is
 * most of a round trip); callers only wait for their own job's result.
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

  private record Waiting(JobSpec spec, CompletableFuture<EnqueueResult> result) {}

  private final Function<List<JobSpec>, CompletableFuture<List<EnqueueResult>>> dispatch;
  private final int maxBatch;
  private final long backstopMillis;
  private final Object lock = new Object();
  private List<Waiting> queued = new ArrayList<>();
  private int inFlight;

  /**
   * @param dispatch issues a batch's Redis calls without waiting (it is called for one batch at a
   *     time, in order, possibly on the thread that completed the previous batch) and returns its
   *     results, in order
   */
  EnqueueBatcher(Function<List<JobSpec>, CompletableFuture<List<EnqueueResult>>> dispatch) {
    this(dispatch, MAX_BATCH, TimeUnit.SECONDS.toMillis(Await.BACKSTOP_SECONDS));
  }

  /** For tests: smaller batches, a shorter backstop. */
  EnqueueBatcher(
      Function<List<JobSpec>, CompletableFuture<List<EnqueueResult>>> dispatch, int maxBatch, long backstopMillis) {
    this.dispatch = dispatch;
    this.maxBatch = maxBatch;
    this.backstopMillis = backstopMillis;
  }

  EnqueueResult enqueue(JobSpec spec) {
    Waiting mine = new Waiting(spec, new CompletableFuture<>());
    synchronized (lock) {
      queued.add(mine);
      sendWhileSlotsFree();
    }
    return await(mine.result);
  }

  /** Sends queued jobs while a slot is free (holding the lock, so batches leave in arrival order). */
  private void sendWhileSlotsFree() {
    while (inFlight < MAX_IN_FLIGHT && !queued.isEmpty()) {
      List<Waiting> batch = take();
      CompletableFuture<List<EnqueueResult>> sent;
      try {
        sent = dispatch.apply(specs(batch));
      } catch (RuntimeException e) {
        fail(batch, e);
        continue;
      }
      inFlight++;
      // The backstop frees the slot even if a reply were lost (Lettuce's own timeout comes first).
      sent.orTimeout(backstopMillis, TimeUnit.MILLISECONDS)
          .whenComplete((results, error) -> answered(batch, results, error));
    }
  }

  /** A batch's reply arrived: answer its callers, then send what queued meanwhile. */
  private void answered(List<Waiting> batch, List<EnqueueResult> results, Throwable error) {
    if (error != null) {
      fail(batch, error);
    } else {
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result.complete(results.get(i));
      }
    }
    synchronized (lock) {
      inFlight--;
      sendWhileSlotsFree();
    }
  }

  /**
   * Waits for one job's result. Every batch sent is answered within the backstop, and queued jobs
   * go out as batches are answered, so the wait ends; it has no deadline of its own, which would
   * count time spent queued and could give up on a job that is stored later. Interruption does not
   * abandon the wait (the job may already be stored); the thread is re-flagged.
   */
  private static EnqueueResult await(CompletableFuture<EnqueueResult> result) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof TimeoutException) {
            throw new FerryException("Redis did not answer in time to enqueue a job (it may or may not be stored)", cause);
          }
          throw new FerryException("Redis failed to enqueue a job: " + cause.getMessage(), cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Takes up to {@code maxBatch} queued jobs, oldest first (holding the lock). */
  private List<Waiting> take() {
    List<Waiting> batch;
    if (queued.size() <= maxBatch) {
      batch = queued;
      queued = new ArrayList<>();
    } else {
      batch = new ArrayList<>(queued.subList(0, maxBatch));
      queued = new ArrayList<>(queued.subList(maxBatch, queued.size()));
    }
    return batch;
  }

  private static List<JobSpec> specs(List<Waiting> batch) {
    List<JobSpec> specs = new ArrayList<>(batch.size());
    batch.forEach(w -> specs.add(w.spec));
    return specs;
  }

  private static void fail(List<Waiting> batch, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    batch.forEach(w -> w.result.completeExceptionally(cause));
  }
}
