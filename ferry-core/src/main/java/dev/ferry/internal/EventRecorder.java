package dev.ferry.internal;

import dev.ferry.JobEvent;
import dev.ferry.JobListener;
import dev.ferry.spi.Broker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers lifecycle events: synchronously to the Java listeners, and in the background, batched,
 * to the broker's event log (so a slow or unreachable Redis never blocks a worker). When the
 * backlog passes {@link #MAX_BACKLOG} new events for the log are dropped and counted: the log is
 * for watching, the job states are the truth.
 */
public final class EventRecorder implements JobListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final int MAX_BACKLOG = 100_000;
  static final int BATCH = 1000;

  private final Broker broker;
  private final List<JobListener> listeners;
  private final boolean toLog;
  private final LinkedBlockingQueue<JobEvent> backlog = new LinkedBlockingQueue<>(MAX_BACKLOG);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;

  /**
   * @param toLog whether events also go to the broker's event log
   */
  public EventRecorder(Broker broker, List<JobListener> listeners, boolean toLog) {
    this.broker = broker;
    this.listeners = List.copyOf(listeners);
    this.toLog = toLog;
    this.thread = new Thread(this::loop, "ferry-events");
    this.thread.setDaemon(true);
    if (toLog) {
      thread.start();
    }
  }

  @Override
  public void onEvent(JobEvent event) {
    for (JobListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("job listener {} failed on {} of job {}", l, event.kind(), event.jobId(), e);
      }
    }
    if (toLog && !backlog.offer(event) && dropped.getAndIncrement() % 10_000 == 0) {
      LOG.warn("event log backlog is full ({} events): dropping events (the job states are unaffected)", MAX_BACKLOG);
    }
  }

  private void loop() {
    List<JobEvent> batch = new ArrayList<>(BATCH);
    while (!(closing && backlog.isEmpty())) {
      try {
        JobEvent first = backlog.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        backlog.drainTo(batch, BATCH - 1);
        broker.appendEvents(batch);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        dropped.addAndGet(batch.size());
        LOG.warn("could not append {} events to the event log: {}", batch.size(), e.toString());
        sleepQuietly();
      } finally {
        batch.clear();
      }
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Events the log lost (backlog full or broker unreachable). */
  public long dropped() {
    return dropped.get();
  }

  /** Flushes what is queued (up to 5 s) and stops. */
  @Override
  public void close() {
    closing = true;
    if (thread.isAlive()) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread.interrupt();
    }
  }
}
