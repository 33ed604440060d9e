package dev.ferry;

import dev.ferry.internal.EnqueuedEvents;
import dev.ferry.spi.Broker;
import dev.ferry.spi.JobSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Enqueues jobs and answers and acts on what is stored: the producer's and the operator's API.
 *
 * <pre>{@code
 * JobClient client = JobClient.create(broker);
 * EnqueueResult r = client.enqueue(JobRequest.ofJson("email.welcome", Map.of("user", 42)));
 * }</pre>
 *
 * <p>Every request is validated before anything is written: an invalid one throws {@link
 * InvalidJobException} with a message that says what to change. Thread-safe.
 */
public final class JobClient {
  /** The default payload limit: 1 MiB. */
  public static final long DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

  private final Broker broker;
  private final JobValidator validator;
  private final List<JobListener> listeners;
  private final boolean eventLog;
  private final Clock clock;

  private JobClient(Broker broker, JobValidator validator, List<JobListener> listeners, boolean eventLog, Clock clock) {
    this.broker = broker;
    this.validator = validator;
    this.listeners = List.copyOf(listeners);
    this.eventLog = eventLog;
    this.clock = clock;
  }

  /** A client with the default payload limit. */
  public static JobClient create(Broker broker) {
    return builder(broker).build();
  }

  /** A builder for a client with other limits. */
  public static Builder builder(Broker broker) {
    return new Builder(broker);
  }

  /**
   * Checks {@code request} against the default limits without enqueuing it, so an entry point can
   * refuse bad input before it opens a connection.
   *
   * @throws InvalidJobException saying what is wrong
   */
  public static void check(JobRequest request) {
    new JobValidator(DEFAULT_MAX_PAYLOAD_BYTES, Clock.systemUTC()).toSpec(request);
  }

  /** Enqueues one job. A duplicate (unique key or caller-given id held) is refused, not thrown. */
  public EnqueueResult enqueue(JobRequest request) {
    JobSpec spec = validator.toSpec(request);
    List<EnqueueResult> results = store(List.of(spec));
    announce(List.of(spec), results);
    return results.get(0);
  }

  /**
   * Enqueues many jobs in as few round trips as the broker allows. All are validated first: if any
   * is invalid, none is written.
   */
  public List<EnqueueResult> enqueueAll(List<JobRequest> requests) {
    List<JobSpec> specs = new ArrayList<>(requests.size());
    for (JobRequest r : requests) {
      specs.add(validator.toSpec(r));
    }
    if (specs.isEmpty()) {
      return List.of();
    }
    List<EnqueueResult> results = store(specs);
    announce(specs, results);
    return results;
  }

  /** Stores the jobs, with their "enqueued" lines in the event log when it is on. */
  private List<EnqueueResult> store(List<JobSpec> specs) {
    return eventLog ? broker.enqueueLogged(specs) : broker.enqueue(specs);
  }

  /** Emits an enqueued event per created job to the listeners (the event log has its lines already). */
  private void announce(List<JobSpec> specs, List<EnqueueResult> results) {
    if (listeners.isEmpty()) {
      return;
    }
    for (JobEvent e : EnqueuedEvents.of(specs, results, clock.instant())) {
      for (JobListener l : listeners) {
        try {
          l.onEvent(e);
        } catch (RuntimeException ex) {
          org.slf4j.LoggerFactory.getLogger(JobClient.class).warn("job listener failed on enqueued job {}", e.jobId(), ex);
        }
      }
    }
  }

  /** The job with this id, in whichever queue holds it. */
  public Optional<JobInfo> inspect(String jobId) {
    return broker.find(checkId(jobId));
  }

  /** The job with this id in {@code queue}. */
  public Optional<JobInfo> inspect(String queue, String jobId) {
    return broker.find(JobValidator.checkQueue(queue), checkId(jobId));
  }

  /** Every known queue with its counts per state, by queue name. */
  public Map<String, QueueCounts> stats() {
    Map<String, QueueCounts> out = new TreeMap<>();
    for (String q : broker.queues()) {
      out.put(q, broker.counts(q));
    }
    return out;
  }

  /** A page of the jobs of {@code queue} in {@code state}; {@code cursor} null for the first. */
  public JobPage list(String queue, JobState state, String cursor, int limit) {
    Objects.requireNonNull(state, "state");
    return broker.list(JobValidator.checkQueue(queue), state, cursor, checkLimit(limit));
  }

  /** A page of dead jobs of {@code queue}, oldest first. */
  public JobPage deadJobs(String queue, String cursor, int limit) {
    return list(queue, JobState.DEAD, cursor, limit);
  }

  /** Moves one dead job back to pending with its attempts reset; false if it is not dead. */
  public boolean requeueDead(String queue, String jobId) {
    return broker.requeueDead(JobValidator.checkQueue(queue), checkId(jobId));
  }

  /** Moves every dead job of {@code queue} back to pending, in batches; returns how many. */
  public long requeueAllDead(String queue) {
    JobValidator.checkQueue(queue);
    return drain(() -> broker.requeueDead(queue, BATCH));
  }

  /** Deletes every dead job of {@code queue}, in batches; returns how many. */
  public long purgeDead(String queue) {
    JobValidator.checkQueue(queue);
    return drain(() -> broker.purgeDead(queue, BATCH));
  }

  private static final int BATCH = 1000;

  private static long drain(java.util.function.LongSupplier batch) {
    long total = 0;
    long n;
    do {
      n = batch.getAsLong();
      total += n;
    } while (n == BATCH);
    return total;
  }

  private static String checkId(String jobId) {
    if (jobId == null || !JobValidator.JOB_ID.matcher(jobId).matches()) {
      throw new InvalidJobException(
          "job id '" + jobId + "' is invalid: use 1-128 characters of letters, digits, '.', '_',"
              + " ':' or '-'");
    }
    return jobId;
  }

  private static int checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidJobException("limit must be between 1 and 1000, got " + limit);
    }
    return limit;
  }

  /** Builds a {@link JobClient}. */
  public static final class Builder {
    private final Broker broker;
    private long maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private Clock clock = Clock.systemUTC();
    private final List<JobListener> listeners = new ArrayList<>();
    private boolean eventLog = true;

    private Builder(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
    }

    /** The largest payload accepted (default 1 MiB). */
    public Builder maxPayloadBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxPayloadBytes must not be negative, got " + bytes);
      }
      this.maxPayloadBytes = bytes;
      return this;
    }

    /** The clock that turns a run-at into a delay (tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener told of every job this client creates (the {@code enqueued} event). */
    public Builder listener(JobListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether created jobs are recorded in the broker's event log (default true): one more
     * pipelined round trip per enqueue call. Turn it off for the fastest bulk loads.
     */
    public Builder eventLog(boolean on) {
      this.eventLog = on;
      return this;
    }

    public JobClient build() {
      return new JobClient(broker, new JobValidator(maxPayloadBytes, clock), listeners, eventLog, clock);
    }
  }
}
