package dev.ferry.bench.jmh;

import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.redis.internal.Leases;
import dev.ferry.redis.internal.Producer;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.JobSpec;
import dev.ferry.spi.Lease;
import dev.ferry.spi.Settlement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-job encoding work on the client side of Redis: validating a request, writing a job's
 * enqueue.lua arguments, reading a claim.lua reply, writing a settlement. Run with
 * {@code ferry-bench/jmh} (see docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private JobRequest request;
  private JobSpec spec;
  private byte[][] enqueueArgs;
  private List<Object> claimReply;
  private Settlement settlement;
  private byte[][] settleArgs;

  @Setup
  public void setUp() {
    byte[] payload = new byte[100];
    Arrays.fill(payload, (byte) 'x');
    request = JobRequest.of("mail.send", payload).queue("default");
    spec = new JobSpec("01JBENCH0000000000000000", false, "mail.send", "default", payload, 25, 0, 0, null, 0);
    enqueueArgs = new byte[9][];
    claimReply = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      claimReply.addAll(List.of(
          ascii("01JBENCH" + i), 7L, ascii("mail.send"), payload, 1L, 25L, 0L, 1_700_000_000_000L, 1_700_000_030_000L));
    }
    settlement = new Settlement.Complete(new Lease("default", "01JBENCH0000000000000000", 7));
    settleArgs = new byte[5][];
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Benchmark
  public void validateRequest() {
    JobClient.check(request);
  }

  @Benchmark
  public byte[][] encodeEnqueue() {
    Producer.encode(spec, enqueueArgs, 0);
    return enqueueArgs;
  }

  /** Decoding a claim of 100 jobs; divide by 100 for one job. */
  @Benchmark
  public List<ClaimedJob> decodeClaimOf100() {
    List<ClaimedJob> out = new ArrayList<>(100);
    Leases.decodeClaim("default", claimReply, out);
    return out;
  }

  @Benchmark
  public byte[][] encodeSettlement() {
    Leases.encode(settlement, settleArgs, 0);
    return settleArgs;
  }
}
