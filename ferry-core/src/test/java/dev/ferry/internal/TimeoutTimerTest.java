package dev.ferry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimeoutTimerTest {
  @Test
  void cancelledTimeoutsLeaveTheQueueAtOnce() {
    ScheduledThreadPoolExecutor timer = WorkerRuntime.timeoutTimer();
    try {
      List<ScheduledFuture<?>> timeouts = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        timeouts.add(timer.schedule(() -> {}, 30, TimeUnit.MINUTES));
      }
      timeouts.forEach(t -> t.cancel(false));
      assertThat(timer.getQueue()).as("timeouts of finished jobs still queued").isEmpty();
    } finally {
      timer.shutdownNow();
    }
  }
}
