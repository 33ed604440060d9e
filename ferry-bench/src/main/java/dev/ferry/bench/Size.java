package dev.ferry.bench;

/**
 * How big each scenario runs: {@code full} for the numbers a human compares, {@code small} (a few
 * hundred jobs per step) for the smoke test that checks the harness works.
 */
public enum Size {
  SMALL(400, 2_000, 2_000, 500, 1_000, 10_000, 1_000, 20_000, 1_500),
  FULL(60_000, 200_000, 100_000, 10_000, 10_000, 1_000_000, 100_000, 2_000_000, 100_000);

  /** Single enqueues timed (per thread count). */
  final int singleEnqueues;
  /** Jobs bulk-enqueued in batches of 1,000. */
  final int bulkEnqueues;
  /** Pre-enqueued jobs drained at each concurrency. */
  final int processJobs;
  /** Milliseconds of steady stream at each latency rate. */
  final int latencyMillis;
  /** Jobs stored in the small store of the scale scenario. */
  final int scaleSmall;
  /** Jobs stored in the large store of the scale scenario. */
  final int scaleLarge;
  /** Pending jobs stored to measure memory. */
  final int memoryJobs;
  /** LPUSH+RPOP pairs timed for the ceiling. */
  final int ceilingPairs;
  /** Jobs in the mixed scenario. */
  final int mixedJobs;

  Size(int singleEnqueues, int bulkEnqueues, int processJobs, int latencyMillis, int scaleSmall, int scaleLarge,
      int memoryJobs, int ceilingPairs, int mixedJobs) {
    this.singleEnqueues = singleEnqueues;
    this.bulkEnqueues = bulkEnqueues;
    this.processJobs = processJobs;
    this.latencyMillis = latencyMillis;
    this.scaleSmall = scaleSmall;
    this.scaleLarge = scaleLarge;
    this.memoryJobs = memoryJobs;
    this.ceilingPairs = ceilingPairs;
    this.mixedJobs = mixedJobs;
  }

  /** Parses {@code small} or {@code full}. */
  public static Size parse(String name) {
    for (Size s : values()) {
      if (s.name().equalsIgnoreCase(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("--size must be small or full, got '" + name + "'");
  }
}
