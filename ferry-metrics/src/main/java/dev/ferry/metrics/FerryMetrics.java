package dev.ferry.metrics;

import dev.ferry.JobEvent;
import dev.ferry.JobListener;
import dev.ferry.Worker;
import dev.ferry.spi.Broker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Ferry's Prometheus metrics, through Micrometer. Core has no metrics dependency: this binds to
 * its listener API.
 *
 * <pre>{@code
 * FerryMetrics metrics = FerryMetrics.create();
 * Worker worker = Worker.builder(broker).listener(metrics.listener())...build();
 * JobClient client = JobClient.builder(broker).listener(metrics.listener()).build();
 * metrics.watchWorker(worker).watchQueues(broker, Duration.ofSeconds(5));
 * metrics.serve(new InetSocketAddress("127.0.0.1", 9100)); // GET /metrics
 * }</pre>
 *
 * <p>Exported: counters {@code ferry_jobs_enqueued_total}, {@code _completed_total},
 * {@code _failed_total}, {@code _retried_total}, {@code _dead_total}, {@code _snoozed_total} (labels
 * queue, type); histograms {@code ferry_job_duration_seconds} and
 * {@code ferry_job_pickup_latency_seconds} (queue, type); gauges {@code ferry_queue_depth}
 * (queue, state), {@code ferry_queue_paused} (queue), {@code ferry_worker_slots_busy} and
 * {@code ferry_worker_slots_capacity} (worker; not "_total", which Prometheus keeps for counters).
 */
public final class FerryMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final JobMeters jobs;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private FerryMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.jobs = new JobMeters(registry);
  }

  /** Metrics in a registry of their own. */
  public static FerryMetrics create() {
    return new FerryMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Metrics in the application's registry (its other meters are exported alongside). */
  public static FerryMetrics create(PrometheusMeterRegistry registry) {
    return new FerryMetrics(Objects.requireNonNull(registry, "registry"));
  }

  /** The listener to pass to {@code Worker.Builder.listener} and {@code JobClient.Builder.listener}. */
  public JobListener listener() {
    return jobs;
  }

  /** Records one event (what the listener does). */
  public void onEvent(JobEvent event) {
    jobs.onEvent(event);
  }

  /**
   * Keeps {@code ferry_queue_depth} and {@code ferry_queue_paused} for every queue of
   * {@code broker}, read from its O(1) counters every {@code refresh} on a background thread;
   * scrapes only read the last values, so a scrape never waits on Redis.
   */
  public FerryMetrics watchQueues(Broker broker, Duration refresh) {
    synchronized (closeables) {
      QueueGauges gauges = new QueueGauges(registry, broker, refresh);
      closeables.add(gauges);
      gauges.start();
    }
    return this;
  }

  /** Exports {@code worker}'s busy and total slots. */
  public FerryMetrics watchWorker(Worker worker) {
    String id = worker.id();
    Gauge.builder("ferry.worker.slots.busy", worker, Worker::busySlots)
        .description("Handlers running now")
        .tag("worker", id)
        .register(registry);
    Gauge.builder("ferry.worker.slots.capacity", worker, Worker::totalSlots)
        .description("Handlers that may run at once (the worker's concurrency)")
        .tag("worker", id)
        .register(registry);
    return this;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** The registry the meters live in. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Serves {@code GET /metrics} at {@code address} (port 0 picks a free one) with the JDK's own
   * HTTP server; closed with these metrics.
   *
   * @throws IOException when the address cannot be bound (e.g. the port is taken)
   */
  public MetricsEndpoint serve(InetSocketAddress address) throws IOException {
    MetricsEndpoint endpoint = MetricsEndpoint.start(address, this::scrape);
    synchronized (closeables) {
      closeables.add(endpoint);
    }
    return endpoint;
  }

  /** Stops the queue watchers and endpoints. */
  @Override
  public void close() {
    synchronized (closeables) {
      for (AutoCloseable c : closeables) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing is best effort
        }
      }
      closeables.clear();
    }
  }
}
