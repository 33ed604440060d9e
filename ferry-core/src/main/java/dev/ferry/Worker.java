package dev.ferry;

import dev.ferry.internal.WorkerRuntime;
import dev.ferry.spi.Broker;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Runs jobs: claims them from its queues, calls their handlers with bounded concurrency, and
 * settles each attempt; also runs the maintenance every node shares (promoter, reaper, pruner).
 *
 * <pre>{@code
 * Worker worker = Worker.builder(broker)
 *     .queue("critical", 6).queue("default", 3).queue("low", 1)
 *     .concurrency(20)
 *     .handle("email.welcome", job -> { send(job.payloadAs(Welcome.class)); return JobOutcome.success(); })
 *     .build();
 * worker.start();
 * ...
 * worker.close(); // graceful: stop claiming, let running jobs finish, hand back the rest
 * }</pre>
 */
public final class Worker implements AutoCloseable {
  private final WorkerRuntime runtime;
  private final Duration shutdownTimeout;

  private Worker(WorkerRuntime runtime, Duration shutdownTimeout) {
    this.runtime = runtime;
    this.shutdownTimeout = shutdownTimeout;
  }

  /** A builder for a worker on {@code broker}. */
  public static Builder builder(Broker broker) {
    return new Builder(broker);
  }

  /** Starts claiming and running jobs. Idempotent. */
  public void start() {
    runtime.start();
  }

  /**
   * Stops gracefully: claims nothing more, lets running jobs finish until {@code timeout}, then
   * interrupts the rest and hands their jobs back to pending at once (attempt not spent).
   * Idempotent; returns when the worker has stopped.
   */
  public void shutdown(Duration timeout) {
    runtime.shutdown(timeout);
  }

  /** {@link #shutdown(Duration)} with the builder's shutdown timeout. */
  @Override
  public void close() {
    shutdown(shutdownTimeout);
  }

  /** This worker's id, as listed by {@code Broker.workers()} while it runs. */
  public String id() {
    return runtime.workerId();
  }

  /** How many handlers are running now. */
  public int busySlots() {
    return runtime.busySlots();
  }

  /** The concurrency: how many handlers may run at once. */
  public int totalSlots() {
    return runtime.totalSlots();
  }

  /** Builds a {@link Worker}; every setting has a default but at least one handler is needed. */
  public static final class Builder {
    private final Broker broker;
    private final Map<String, Integer> queues = new LinkedHashMap<>();
    private final Map<String, JobHandler> handlers = new LinkedHashMap<>();
    private boolean strictPriority;
    private int concurrency = 10;
    private RetryPolicy retryPolicy = RetryPolicy.defaultPolicy();
    private Duration leaseTimeout = Duration.ofSeconds(30);
    private Duration defaultJobTimeout = Duration.ofMinutes(30);
    private Duration shutdownTimeout = Duration.ofSeconds(25);
    private Duration reapInterval = Duration.ofSeconds(1);
    private Retention retention = Retention.DEFAULT;
    private boolean retryUnknownTypes;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private final java.util.List<JobListener> listeners = new java.util.ArrayList<>();
    private boolean eventLog = true;

    private Builder(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
    }

    /** Takes jobs from {@code queue} with weight 1. */
    public Builder queue(String queue) {
      return queue(queue, 1);
    }

    /**
     * Takes jobs from {@code queue} with {@code weight}: with several queues, a claim tries a
     * queue first in proportion to its weight (or strictly by weight, see {@link
     * #strictPriority}). Without any queue the worker takes from {@code default}.
     */
    public Builder queue(String queue, int weight) {
      JobValidator.checkQueue(queue);
      if (weight < 1 || weight > 1000) {
        throw new InvalidJobException("queue weight must be between 1 and 1000, got " + weight, null, queue);
      }
      queues.put(queue, weight);
      return this;
    }

    /** Always drain higher-weight queues first (lower ones wait while higher ones have jobs). */
    public Builder strictPriority(boolean strict) {
      this.strictPriority = strict;
      return this;
    }

    /** How many handlers may run at once (default 10); never more jobs are claimed. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 10_000) {
        throw new IllegalArgumentException("concurrency must be between 1 and 10000, got " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Registers the handler of jobs of {@code type}. */
    public Builder handle(String type, JobHandler handler) {
      if (type == null || type.isBlank()) {
        throw new InvalidJobException("handler type must not be empty");
      }
      handlers.put(type, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** How long to wait before retrying a failed attempt (default: exponential with full jitter). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The lease (visibility timeout, default 30 s): how long a claimed job stays with this worker
     * without a heartbeat. A crashed worker's jobs run again about this long after the crash; a
     * shorter lease recovers faster but costs more heartbeats.
     */
    public Builder leaseTimeout(Duration timeout) {
      if (timeout.toMillis() < 100) {
        throw new IllegalArgumentException("leaseTimeout must be at least 100 ms, got " + timeout);
      }
      this.leaseTimeout = timeout;
      return this;
    }

    /** The timeout of an attempt whose job sets none (default 30 minutes). */
    public Builder defaultJobTimeout(Duration timeout) {
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("defaultJobTimeout must be at least 1 ms, got " + timeout);
      }
      this.defaultJobTimeout = timeout;
      return this;
    }

    /** How long {@link #close()} lets running jobs finish (default 25 s). */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative, got " + timeout);
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /** How often expired leases are looked for (default 1 s). */
    public Builder reapInterval(Duration interval) {
      if (interval.toMillis() < 10) {
        throw new IllegalArgumentException("reapInterval must be at least 10 ms, got " + interval);
      }
      this.reapInterval = interval;
      return this;
    }

    /** How long finished jobs are kept (default: completed 1 h / 10,000, dead 90 days / 10,000). */
    public Builder retention(Retention retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /** Retry jobs whose type has no handler (default: send them to the dead set at once). */
    public Builder retryUnknownTypes(boolean retry) {
      this.retryUnknownTypes = retry;
      return this;
    }

    /**
     * The executor that runs handlers (default: the worker's own pool of up to {@code concurrency}
     * threads, which runs short jobs back to back rather than waking a thread per job). Pass
     * {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+. Concurrency is still bounded
     * by {@link #concurrency}. The worker does not shut a given executor down.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock of maintenance timing (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener of the lifecycle events of the jobs this worker runs (metrics, tracing). */
    public Builder listener(JobListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether lifecycle events also go to the broker's capped per-queue event log, which feeds
     * {@code ferry events tail} and the HTTP event stream (default true). Costs about two Redis
     * writes per job, batched off the job's path; turn it off for the last bit of throughput.
     */
    public Builder eventLog(boolean on) {
      this.eventLog = on;
      return this;
    }

    public Worker build() {
      if (handlers.isEmpty()) {
        throw new IllegalStateException("a worker needs at least one handler: call handle(type, handler)");
      }
      Map<String, Integer> q = queues.isEmpty() ? Map.of(JobRequest.DEFAULT_QUEUE, 1) : queues;
      WorkerRuntime.Config config =
          new WorkerRuntime.Config(
              q, strictPriority, concurrency, handlers, retryPolicy, leaseTimeout, defaultJobTimeout,
              reapInterval, retention, retryUnknownTypes, executor, clock, listeners, eventLog);
      return new Worker(new WorkerRuntime(broker, config), shutdownTimeout);
    }
  }
}
