package dev.ferry.server.cli;

import java.util.function.IntToLongFunction;

/**
 * Runs a bulk operation as a series of bounded broker calls (each one Lua script call of at most
 * {@link #BATCH} jobs), reporting progress after each call that moved jobs.
 */
public final class Bulk {
  /** Jobs moved per broker call: bounds the work of one script call on Redis. */
  public static final int BATCH = 1000;

  private Bulk() {}

  /**
   * Calls {@code batch} with {@link #BATCH} until a call moves fewer, showing progress against
   * {@code total} (the count when the operation started).
   *
   * @return how many jobs moved in all
   */
  public static long drain(long total, Progress progress, IntToLongFunction batch) {
    long done = 0;
    long n;
    do {
      n = batch.applyAsLong(BATCH);
      done += n;
      if (n > 0 || done == 0) { // the empty call that ends an exact multiple of BATCH adds nothing
        progress.update(done, total);
      }
    } while (n == BATCH);
    progress.finish();
    return done;
  }
}
