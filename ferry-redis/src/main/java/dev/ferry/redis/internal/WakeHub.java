package dev.ferry.redis.internal;

import dev.ferry.spi.WorkSignal;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Turns messages on the queues' wake channels into {@link WorkSignal}s, over one shared pub/sub
 * connection.
 *
 * <p>Each channel is subscribed while at least one open signal listens to it. A message fires
 * every signal on that channel. So does a subscribe confirmation for a channel that was already
 * confirmed: that is Lettuce resubscribing after a reconnect, and a wake may have been missed
 * while Redis was unreachable (a spurious wake costs one empty claim; a lost one would strand a
 * job until the worker's await times out).
 */
public final class WakeHub implements AutoCloseable {
  private final StatefulRedisPubSubConnection<String, byte[]> pubsub;
  private final Keys keys;
  private final Map<String, Set<Signal>> byChannel = new ConcurrentHashMap<>();
  /** Channels whose subscription Redis has confirmed; a second confirmation means a reconnect. */
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
  /** Guards subscribe and unsubscribe decisions; never taken on the pub/sub event thread. */
  private final Object subscriptions = new Object();

  public WakeHub(StatefulRedisPubSubConnection<String, byte[]> pubsub, Keys keys) {
    this.pubsub = pubsub;
    this.keys = keys;
    pubsub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, byte[] message) {
            fire(channel);
          }

          @Override
          public void subscribed(String channel, long count) {
            if (!confirmed.add(channel)) {
              fire(channel);
            }
          }

          @Override
          public void unsubscribed(String channel, long count) {
            confirmed.remove(channel);
          }
        });
  }

  /** Opens a signal for {@code queues}; returns once their channels are subscribed. */
  public WorkSignal open(Collection<String> queues) {
    Set<String> channels = new LinkedHashSet<>();
    for (String q : queues) {
      channels.add(keys.wake(q));
    }
    Signal signal = new Signal(channels);
    synchronized (subscriptions) {
      List<String> fresh = new ArrayList<>();
      for (String ch : channels) {
        Set<Signal> listeners = byChannel.computeIfAbsent(ch, c -> new CopyOnWriteArraySet<>());
        if (listeners.isEmpty()) {
          fresh.add(ch);
        }
        listeners.add(signal);
      }
      if (!fresh.isEmpty()) {
        try {
          Await.one(pubsub.async().subscribe(fresh.toArray(String[]::new)), "subscribe to " + fresh);
        } catch (RuntimeException e) {
          detach(signal);
          throw e;
        }
      }
    }
    return signal;
  }

  private void fire(String channel) {
    Set<Signal> listeners = byChannel.get(channel);
    if (listeners != null) {
      listeners.forEach(Signal::fire);
    }
  }

  private void detach(Signal signal) {
    synchronized (subscriptions) {
      List<String> idle = new ArrayList<>();
      for (String ch : signal.channels) {
        Set<Signal> listeners = byChannel.get(ch);
        if (listeners != null && listeners.remove(signal) && listeners.isEmpty()) {
          idle.add(ch);
        }
      }
      if (!idle.isEmpty() && pubsub.isOpen()) {
        // Fire and forget: a failed unsubscribe only leaves a harmless idle subscription.
        pubsub.async().unsubscribe(idle.toArray(String[]::new));
      }
    }
  }

  /** Closes every open signal and the pub/sub connection. */
  @Override
  public void close() {
    for (Set<Signal> listeners : byChannel.values()) {
      listeners.forEach(Signal::closeQuietly);
    }
    byChannel.clear();
    pubsub.close();
  }

  private final class Signal implements WorkSignal {
    private final Set<String> channels;
    private boolean fired;
    private boolean closed;

    Signal(Set<String> channels) {
      this.channels = channels;
    }

    synchronized void fire() {
      fired = true;
      notifyAll();
    }

    @Override
    public synchronized boolean await(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!fired && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      fired = false;
      return true;
    }

    synchronized void closeQuietly() {
      closed = true;
      notifyAll();
    }

    @Override
    public void close() {
      closeQuietly();
      detach(this);
    }
  }
}
