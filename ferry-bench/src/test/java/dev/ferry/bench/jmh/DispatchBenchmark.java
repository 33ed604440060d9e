package dev.ferry.bench.jmh;

import dev.ferry.JobHandler;
import dev.ferry.JobOutcome;
import dev.ferry.RetryPolicy;
import dev.ferry.internal.JobRunner;
import dev.ferry.internal.QueueSelector;
import dev.ferry.internal.RunningJob;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.Lease;
import dev.ferry.spi.Settlement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worker's in-process path around a handler: the queue order of a claim round and running one
 * claimed job through the runner (handler lookup, timeout guard, outcome to settlement).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {
  private ScheduledExecutorService timer;
  private JobRunner runner;
  private ClaimedJob claimed;
  private QueueSelector weighted;

  @Setup
  public void setUp() {
    timer = Executors.newSingleThreadScheduledExecutor();
    JobHandler noop = job -> JobOutcome.success();
    runner = new JobRunner(Map.of("noop", noop, "other", noop), RetryPolicy.defaultPolicy(), false, timer);
    claimed = new ClaimedJob(new Lease("default", "01JBENCH", 1), "noop", new byte[100], 1, 25, 0, 0, 0);
    Map<String, Integer> queues = new LinkedHashMap<>();
    queues.put("critical", 6);
    queues.put("default", 3);
    queues.put("low", 1);
    weighted = new QueueSelector(queues, false);
  }

  @TearDown
  public void tearDown() {
    timer.shutdownNow();
  }

  /** One claimed job through the runner with a 30 s timeout guard. */
  @Benchmark
  public Settlement runNoopJob() {
    return runner.run(new RunningJob(claimed, 30_000));
  }

  @Benchmark
  public List<String> weightedQueueOrder() {
    return weighted.order();
  }
}
