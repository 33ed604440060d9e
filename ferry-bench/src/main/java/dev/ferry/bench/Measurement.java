package dev.ferry.bench;

import java.lang.management.ManagementFactory;

/**
 * One timed stretch of a scenario: wall time, this JVM's CPU time and what Redis did (commands,
 * script calls, CPU), from {@link #start} to {@link #stop}.
 */
final class Measurement {
  private final RedisMeter meter;
  private RedisMeter.Snapshot before;
  private RedisMeter.Snapshot after;
  private long startNanos;
  private long endNanos;
  private long cpuStart;
  private long cpuEnd;

  private Measurement(RedisMeter meter) {
    this.meter = meter;
  }

  static Measurement start(RedisMeter meter) {
    Measurement m = new Measurement(meter);
    m.before = meter.snapshot();
    m.cpuStart = processCpuNanos();
    m.startNanos = System.nanoTime();
    return m;
  }

  Measurement stop() {
    endNanos = System.nanoTime();
    cpuEnd = processCpuNanos();
    after = meter.snapshot();
    return this;
  }

  long nanos() {
    return endNanos - startNanos;
  }

  double perSecond(long jobs) {
    return Stats.perSecond(jobs, nanos());
  }

  /** Redis commands per job, script-internal commands included, the meter's INFO calls excluded. */
  double commandsPerJob(long jobs) {
    return Stats.ratio(after.commands() - before.commands(), jobs);
  }

  /** Commands the client sent per job (EVALSHA counts once, whatever the script ran). */
  double scriptCallsPerJob(long jobs) {
    return Stats.ratio(after.scriptCalls() - before.scriptCalls(), jobs);
  }

  /** This JVM's CPU use over the stretch, in cores (1.0 = one core busy throughout). */
  double jvmCores() {
    return Stats.ratio(cpuEnd - cpuStart, nanos());
  }

  /** Redis's CPU use over the stretch, in cores. */
  double redisCores() {
    return Stats.ratio((after.cpuSeconds() - before.cpuSeconds()) * 1e9, nanos());
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
