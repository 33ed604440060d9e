package dev.ferry.redis.internal;

import static dev.ferry.redis.internal.Replies.asList;
import static dev.ferry.redis.internal.Replies.asLong;
import static dev.ferry.redis.internal.Replies.asString;
import static dev.ferry.redis.internal.Replies.bytes;

import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.Lease;
import dev.ferry.spi.SettleResult;
import dev.ferry.spi.Settlement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The worker's side of the broker: claims jobs under leases, settles them, extends them.
 *
 * <p>Claims take one {@code claim.lua} call per queue, in the caller's order, until {@code max}
 * is reached. Settlements and extensions are grouped by queue and sent as one {@code settle.lua}
 * or {@code extendLeases.lua} call per queue and {@link #CHUNK} leases, all pipelined, so a batch
 * costs one round trip and a handful of script calls; each lease is checked against its fencing
 * token and answers STALE without changing anything when it is no longer held.
 */
public final class Leases {
  /** Most jobs one {@code claim.lua} call takes (the script's own cap). */
  private static final int MAX_PER_CALL = 1_000;

  /** Fields per job in a {@code claim.lua} reply. */
  private static final int CLAIM_FIELDS = 9;

  /** Leases per {@code settle.lua} or {@code extendLeases.lua} call. */
  static final int CHUNK = 500;

  private final ScriptRunner scripts;
  private final Keys keys;

  public Leases(ScriptRunner scripts, Keys keys) {
    this.scripts = scripts;
    this.keys = keys;
  }

  /** Claims up to {@code max} jobs from {@code queues} in order. */
  public List<ClaimedJob> claim(List<String> queues, int max, Duration leaseTimeout) {
    List<ClaimedJob> out = new ArrayList<>();
    for (String q : queues) {
      int want = Math.min(max - out.size(), MAX_PER_CALL);
      while (want > 0) {
        int before = out.size();
        List<Object> reply = asList(Await.one(claimCall(scripts, q, want, leaseTimeout), "claim jobs of queue " + q));
        decodeClaim(q, reply, out);
        if (!stoppedShort(reply) && out.size() - before < want) {
          break; // the queue ran dry (or is paused): on to the next one
        }
        want = Math.min(max - out.size(), MAX_PER_CALL);
      }
    }
    return out;
  }

  /**
   * Sends one {@code claim.lua} call for up to {@code want} jobs of {@code q} through
   * {@code runner} (which may be another connection's, see {@link RedisWaitingClaim}).
   */
  CompletableFuture<Object> claimCall(ScriptRunner runner, String q, int want, Duration leaseTimeout) {
    String[] k = {keys.pending(q), keys.active(q), keys.leases(q), keys.tokens(q), keys.jobs(q), keys.jobPrefix(q), keys.paused(q),
        keys.dead(q)};
    return runner.call(Script.CLAIM, k, bytes(Math.min(want, MAX_PER_CALL)), bytes(leaseTimeout.toMillis()));
  }

  /** Whether a {@code claim.lua} reply stopped after many ids whose job is gone, with jobs still pending. */
  static boolean stoppedShort(List<Object> reply) {
    return reply.size() % CLAIM_FIELDS == 1;
  }

  /** Turns a {@code claim.lua} reply (9 fields per job) into claimed jobs, appended to {@code out}. */
  public static void decodeClaim(String queue, List<Object> f, List<ClaimedJob> out) {
    for (int i = 0; i + CLAIM_FIELDS <= f.size(); i += CLAIM_FIELDS) {
      out.add(
          new ClaimedJob(
              new Lease(queue, asString(f.get(i)), asLong(f.get(i + 1))),
              asString(f.get(i + 2)),
              f.get(i + 3) == null ? new byte[0] : (byte[]) f.get(i + 3),
              (int) asLong(f.get(i + 4)),
              (int) asLong(f.get(i + 5)),
              asLong(f.get(i + 6)),
              asLong(f.get(i + 7)),
              asLong(f.get(i + 8))));
    }
  }

  /** Applies the settlements in one pipelined round trip; results in the same order. */
  public List<SettleResult> settle(List<Settlement> settlements) {
    return batched(settlements.size(), i -> settlements.get(i).lease(), (q, chunk) -> {
      String[] k = {keys.active(q), keys.leases(q), keys.completed(q), keys.retry(q), keys.dead(q), keys.scheduled(q),
          keys.pending(q), keys.jobs(q), keys.jobPrefix(q)};
      byte[][] args = new byte[1 + chunk.size() * 5][];
      args[0] = bytes(keys.wake(q));
      int a = 1;
      for (int i : chunk) {
        a = encode(settlements.get(i), args, a);
      }
      return scripts.call(Script.SETTLE, k, args);
    }, "settle jobs");
  }

  /** Extends the leases to {@code leaseTimeout} from now, in one pipelined round trip. */
  public List<SettleResult> extend(List<Lease> leases, Duration leaseTimeout) {
    byte[] lease = bytes(leaseTimeout.toMillis());
    return batched(leases.size(), leases::get, (q, chunk) -> {
      byte[][] args = new byte[1 + chunk.size() * 2][];
      args[0] = lease;
      int a = 1;
      for (int i : chunk) {
        Lease l = leases.get(i);
        args[a++] = bytes(l.jobId());
        args[a++] = bytes(l.token());
      }
      return scripts.call(Script.EXTEND_LEASES, new String[] {keys.active(q), keys.leases(q)}, args);
    }, "extend leases");
  }

  /** Writes one settlement's 5 {@code settle.lua} values into {@code args} at {@code at}; returns the next index. */
  public static int encode(Settlement s, byte[][] args, int at) {
    Lease l = s.lease();
    String kind;
    long delay = 0;
    String error = "";
    if (s instanceof Settlement.Complete) {
      kind = "c";
    } else if (s instanceof Settlement.Retry r) {
      kind = "r";
      delay = r.delayMillis();
      error = r.error();
    } else if (s instanceof Settlement.Dead d) {
      kind = "d";
      error = d.error();
    } else if (s instanceof Settlement.Snooze z) {
      kind = "s";
      delay = z.delayMillis();
    } else if (s instanceof Settlement.Release) {
      kind = "b";
    } else {
      throw new IllegalArgumentException("unknown settlement " + s);
    }
    args[at] = bytes(kind);
    args[at + 1] = bytes(l.jobId());
    args[at + 2] = bytes(l.token());
    args[at + 3] = bytes(Math.max(0, delay));
    args[at + 4] = bytes(error);
    return at + 5;
  }

  /** One script call per queue and chunk of leases. */
  private interface ChunkCall {
    CompletableFuture<Object> call(String queue, List<Integer> chunk);
  }

  /**
   * Groups items by their lease's queue, sends each group in chunks (all pipelined), and puts
   * the per-lease 1/0 replies back in the items' order.
   */
  private static List<SettleResult> batched(int n, IntFunction<Lease> lease, ChunkCall call, String what) {
    if (n == 0) {
      return List.of();
    }
    QueueChunks sent = QueueChunks.send(n, i -> lease.apply(i).queue(), CHUNK, call::call);
    List<List<Integer>> chunks = sent.chunks();
    SettleResult[] out = new SettleResult[n];
    List<Object> results = sent.await(what);
    for (int c = 0; c < chunks.size(); c++) {
      List<Object> r = asList(results.get(c));
      List<Integer> chunk = chunks.get(c);
      for (int j = 0; j < chunk.size(); j++) {
        out[chunk.get(j)] = asLong(r.get(j)) == 1 ? SettleResult.OK : SettleResult.STALE;
      }
    }
    return List.of(out);
  }
}
