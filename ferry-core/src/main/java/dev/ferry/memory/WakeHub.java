package dev.ferry.memory;

import dev.ferry.spi.WorkSignal;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The in-memory broker's wake-up lines: one flag per open signal, fired by queue name. */
final class WakeHub {
  private final CopyOnWriteArrayList<Signal> signals = new CopyOnWriteArrayList<>();

  WorkSignal open(Collection<String> queues) {
    Signal s = new Signal(Set.copyOf(queues));
    signals.add(s);
    return s;
  }

  void fire(String queue) {
    for (Signal s : signals) {
      if (s.queues.contains(queue)) {
        s.fire();
      }
    }
  }

  void closeAll() {
    for (Signal s : signals) {
      s.close();
    }
  }

  private final class Signal implements WorkSignal {
    private final Set<String> queues;
    private boolean fired;

    Signal(Set<String> queues) {
      this.queues = queues;
    }

    synchronized void fire() {
      fired = true;
      notifyAll();
    }

    @Override
    public synchronized boolean await(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!fired) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      fired = false;
      return true;
    }

    @Override
    public synchronized void close() {
      signals.remove(this);
      fired = true;
      notifyAll();
    }
  }
}
