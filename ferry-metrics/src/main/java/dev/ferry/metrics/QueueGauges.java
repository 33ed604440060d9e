package dev.ferry.metrics;

import dev.ferry.JobState;
import dev.ferry.QueueCounts;
import dev.ferry.spi.Broker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue depth and paused gauges, refreshed from the broker's O(1) per-state counters on a
 * background thread; the gauges only read the last values.
 */
final class QueueGauges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);

  private final MeterRegistry registry;
  private final Broker broker;
  private final Duration refresh;
  private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  QueueGauges(MeterRegistry registry, Broker broker, Duration refresh) {
    if (refresh.toMillis() < 100) {
      throw new IllegalArgumentException("queue refresh must be at least 100 ms, got " + refresh);
    }
    this.registry = registry;
    this.broker = broker;
    this.refresh = refresh;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ferry-metrics-queues");
      t.setDaemon(true);
      return t;
    });
  }

  void start() {
    timer.scheduleWithFixedDelay(this::refreshOnce, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads every queue's counts once (also called by tests). */
  void refreshOnce() {
    try {
      for (String q : broker.queues()) {
        QueueCounts c = broker.counts(q);
        for (JobState s : JobState.values()) {
          set("ferry.queue.depth", q, s.name().toLowerCase(Locale.ROOT), c.of(s));
        }
        set("ferry.queue.paused", q, null, broker.isPaused(q) ? 1 : 0);
      }
    } catch (RuntimeException e) {
      LOG.debug("could not refresh queue gauges: {}", e.toString());
    }
  }

  private void set(String name, String queue, String state, long value) {
    String key = name + '\0' + queue + '\0' + state;
    values.computeIfAbsent(key, k -> {
      AtomicLong v = new AtomicLong();
      Gauge.Builder<AtomicLong> b = Gauge.builder(name, v, AtomicLong::get).tag("queue", queue);
      if (state != null) {
        b.tag("state", state).description("Jobs per queue and state, from O(1) counters");
      } else {
        b.description("1 while the queue is paused");
      }
      b.register(registry);
      return v;
    }).set(value);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
