package dev.ferry.server.web;

import dev.ferry.JobEvent;
import dev.ferry.spi.Broker;
import dev.ferry.spi.EventBatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last 15 minutes of the overview charts, kept in a ring buffer of {@link Sample}s. Every 2 s
 * it reads the O(1) counts of each queue and the events appended to the event log since the last
 * tick (no blocking, a bounded number of reads), and hands the new sample to every subscriber.
 */
final class History implements AutoCloseable {
  /** Time between samples. */
  public static final Duration PERIOD = Duration.ofSeconds(2);
  /** How far back the buffer reaches. */
  public static final Duration SPAN = Duration.ofMinutes(15);
  /** Samples held: 450, one per {@link #PERIOD} over {@link #SPAN}. */
  static final int CAPACITY = (int) (SPAN.toMillis() / PERIOD.toMillis());
  private static final Logger LOG = LoggerFactory.getLogger(History.class);
  private static final int READ = 1000;
  private static final int MAX_READS_PER_TICK = 20;

  private final Broker broker;
  private final int capacity;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final List<Consumer<Sample>> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ferry-dashboard-history");
    t.setDaemon(true);
    return t;
  });
  private Set<String> queues = Set.of();
  private String cursor;
  private long lastAt = System.currentTimeMillis();

  /** A history of {@code capacity} samples that samples only when {@link #tick} is called. */
  History(Broker broker, int capacity) {
    this.broker = broker;
    this.capacity = capacity;
  }

  /** Starts sampling {@code broker} every {@link #PERIOD}. */
  static History start(Broker broker) {
    History h = new History(broker, CAPACITY);
    h.timer.scheduleWithFixedDelay(h::tick, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return h;
  }

  /** The samples held, oldest first. */
  synchronized List<Sample> samples() {
    return new ArrayList<>(samples);
  }

  /** Calls {@code s} with every new sample until {@link #unsubscribe}. */
  void subscribe(Consumer<Sample> s) {
    subscribers.add(s);
  }

  /** Stops calling {@code s}. */
  void unsubscribe(Consumer<Sample> s) {
    subscribers.remove(s);
  }

  /** Takes one sample, keeps it (dropping the oldest past the capacity) and hands it out. */
  void tick() {
    try {
      Sample s = sample();
      synchronized (this) {
        if (samples.size() == capacity) {
          samples.removeFirst();
        }
        samples.addLast(s);
      }
      subscribers.forEach(sub -> sub.accept(s));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("dashboard sample skipped: {}", e.toString());
    }
  }

  private Sample sample() throws InterruptedException {
    Set<String> now = Set.copyOf(broker.queues());
    if (!now.equals(queues)) {
      queues = now; // a new queue: start counting its events from here on
      cursor = null;
    }
    long processed = 0;
    long failed = 0;
    long retried = 0;
    if (!queues.isEmpty()) {
      if (cursor == null) {
        cursor = broker.readEvents(queues, null, 1, Duration.ZERO).cursor();
      }
      for (int i = 0; i < MAX_READS_PER_TICK; i++) {
        EventBatch batch = broker.readEvents(queues, cursor, READ, Duration.ZERO);
        cursor = batch.cursor();
        for (JobEvent e : batch.events()) {
          switch (e.kind()) {
            case COMPLETED -> processed++;
            case FAILED -> failed++;
            case RETRIED -> retried++;
            default -> { }
          }
        }
        if (batch.events().size() < READ) {
          break;
        }
      }
    }
    TreeMap<String, Long> depth = new TreeMap<>();
    for (String q : queues) {
      depth.put(q, broker.counts(q).pending());
    }
    long at = System.currentTimeMillis();
    double seconds = Math.max(1, at - lastAt) / 1000.0;
    lastAt = at;
    return new Sample(at, processed / seconds, failed / seconds, retried / seconds, depth);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    subscribers.clear();
  }
}
