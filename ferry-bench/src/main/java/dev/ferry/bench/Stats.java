package dev.ferry.bench;

import java.util.Arrays;

/** The harness's arithmetic: rates, ratios and nearest-rank percentiles of recorded samples. */
public final class Stats {
  private Stats() {}

  /** Percentiles of a latency sample, in milliseconds. */
  public record Percentiles(long count, double p50, double p95, double p99, double max) {}

  /** Events per second: {@code count} events in {@code nanos}; 0 when no time passed. */
  public static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : count * 1e9 / nanos;
  }

  /** {@code part / whole}; 0 when {@code whole} is 0. */
  public static double ratio(double part, double whole) {
    return whole == 0 ? 0 : part / whole;
  }

  /**
   * The nearest-rank percentile {@code p} (0 < p <= 100) of {@code sorted}: the smallest sample
   * with at least p% of the samples at or below it.
   */
  public static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** p50/p95/p99/max of samples in nanoseconds, reported in milliseconds. */
  public static Percentiles latencies(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        sorted.length,
        millis(percentile(sorted, 50)),
        millis(percentile(sorted, 95)),
        millis(percentile(sorted, 99)),
        millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
  }

  /** Nanoseconds as milliseconds rounded to microseconds. */
  public static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  /** Rounds to {@code digits} decimals (for the report). */
  public static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  /** The median of a few timings in nanoseconds (for repeated measurements). */
  public static long median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
  }

  /** The median of some figures; of an even count, the lower middle one (always a value measured). */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(sorted.length - 1) / 2];
  }
}
