package dev.ferry.bench;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The floors a pickup latency is read against, measured on the same machine and Redis in the
 * same run, each paced from one thread with the first 20% dropped as warm-up.
 *
 * <ul>
 *   <li>{@link #ping}: a bare {@code PING} round trip through Lettuce — one hop each way.
 *   <li>{@link #bareQueue}: the least a Redis queue can do per job. One connection {@code LPUSH}es
 *       an id, a thread blocked in {@code BRPOP} on a second connection takes it and hands it to a
 *       pool thread, where the pickup ends: no job record, no lease, no script, no retry. Ferry's
 *       pickup takes the same hops (a write, Redis waking a second connection, a hand-off to a
 *       handler thread) plus its claim round trip, so on a quiet machine its tail should sit near
 *       this one; where both tails are high, the machine is the bound.
 * </ul>
 */
final class LatencyFloors {
  private LatencyFloors() {}

  /** Round trips of a bare PING at {@code rate}/s; nanoseconds, warm-up dropped. */
  static long[] ping(BenchContext ctx, int rate, int millis) {
    int total = total(rate, millis);
    long[] rtt = new long[total];
    long begin = System.nanoTime();
    for (int i = 0; i < total; i++) {
      pace(begin, rate, i);
      long t0 = System.nanoTime();
      ctx.meter().redis().ping();
      rtt[i] = System.nanoTime() - t0;
    }
    return withoutWarmup(rtt);
  }

  /** Push → pool-thread start of a bare LPUSH/BRPOP queue at {@code rate}/s; nanoseconds, warm-up dropped. */
  static long[] bareQueue(BenchContext ctx, int rate, int millis) throws InterruptedException {
    int total = total(rate, millis);
    long[] sent = new long[total];
    long[] picked = new long[total];
    String list = ctx.newPrefix() + ":{floor}:list";
    AtomicInteger done = new AtomicInteger();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    RedisClient client = RedisClient.create(ctx.uri());
    ExecutorService handlers = Executors.newFixedThreadPool(LatencyScenario.CONCURRENCY);
    try (StatefulRedisConnection<String, String> producer = client.connect();
        StatefulRedisConnection<String, String> consumer = client.connect()) {
      Thread taker = new Thread(() -> take(consumer.sync(), list, total, handlers, picked, done, failed), "bench-floor-taker");
      taker.setDaemon(true);
      taker.start();
      RedisCommands<String, String> push = producer.sync();
      long begin = System.nanoTime();
      for (int i = 0; i < total; i++) {
        pace(begin, rate, i);
        sent[i] = System.nanoTime();
        push.lpush(list, Integer.toString(i));
      }
      Jobs.await(() -> done.get() == total || failed.get() != null, Duration.ofSeconds(30), "the bare queue to be drained");
      if (failed.get() != null) {
        throw new IllegalStateException("the bare queue's BRPOP failed: " + failed.get().getMessage(), failed.get());
      }
      taker.join(5_000);
      push.del(list);
    } finally {
      handlers.shutdownNow();
      handlers.awaitTermination(5, TimeUnit.SECONDS);
      client.shutdown();
    }
    long[] pickup = new long[total];
    for (int i = 0; i < total; i++) {
      pickup[i] = picked[i] - sent[i];
    }
    return withoutWarmup(pickup);
  }

  private static void take(
      RedisCommands<String, String> redis, String list, int total, ExecutorService handlers, long[] picked,
      AtomicInteger done, AtomicReference<RuntimeException> failed) {
    int taken = 0;
    try {
      while (taken < total) {
        KeyValue<String, String> item = redis.brpop(1, list);
        if (item == null || !item.hasValue()) {
          continue;
        }
        int seq = Integer.parseInt(item.getValue());
        taken++;
        handlers.execute(() -> {
          picked[seq] = System.nanoTime();
          done.incrementAndGet();
        });
      }
    } catch (RuntimeException e) {
      failed.compareAndSet(null, e); // reported by the measuring thread (or it already gave up)
    }
  }

  static int total(int rate, int millis) {
    return (int) ((long) rate * millis / 1000);
  }

  /** Parks until the {@code i}-th tick of a stream of {@code rate}/s that began at {@code begin}. */
  static void pace(long begin, int rate, int i) {
    long wait = begin + i * (1_000_000_000L / rate) - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /** The samples after the first 20% (the warm-up every latency measurement here drops). */
  static long[] withoutWarmup(long[] samples) {
    int skip = samples.length / 5;
    long[] out = new long[samples.length - skip];
    System.arraycopy(samples, skip, out, 0, out.length);
    return out;
  }
}
