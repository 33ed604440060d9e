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
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The worker's side of the broker: claims jobs under leases, settles them, extends them.
 *
 * <p>Claims take one {@code claim.lua} call per queue, in the caller's order, until {@code max}
 * is reached. Settlements and extensions pipeline one script call per lease, so a batch costs one
 * round trip; each call checks the fencing token and answers STALE without changing anything when
 * the lease is no longer held.
 */
public final class Leases {
  /** Fields per job in a {@code claim.lua} reply. */
  private static final int CLAIM_FIELDS = 9;

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
      int want = max - out.size();
      if (want <= 0) {
        break;
      }
      String[] k = {keys.pending(q), keys.active(q), keys.jobPrefix(q), keys.paused(q)};
      Object reply = Await.one(
          scripts.call(Script.CLAIM, k, bytes(want), bytes(leaseTimeout.toMillis())), "claim jobs of queue " + q);
      List<Object> f = asList(reply);
      for (int i = 0; i + CLAIM_FIELDS <= f.size(); i += CLAIM_FIELDS) {
        out.add(
            new ClaimedJob(
                new Lease(q, asString(f.get(i)), asLong(f.get(i + 1))),
                asString(f.get(i + 2)),
                f.get(i + 3) == null ? new byte[0] : (byte[]) f.get(i + 3),
                (int) asLong(f.get(i + 4)),
                (int) asLong(f.get(i + 5)),
                asLong(f.get(i + 6)),
                asLong(f.get(i + 7)),
                asLong(f.get(i + 8))));
      }
    }
    return out;
  }

  /** Applies the settlements in one pipelined round trip; results in the same order. */
  public List<SettleResult> settle(List<Settlement> settlements) {
    List<CompletableFuture<Object>> replies = new ArrayList<>(settlements.size());
    for (Settlement s : settlements) {
      replies.add(call(s));
    }
    return results(replies, "settle jobs");
  }

  /** Extends the leases to {@code leaseTimeout} from now, in one pipelined round trip. */
  public List<SettleResult> extend(List<Lease> leases, Duration leaseTimeout) {
    List<CompletableFuture<Object>> replies = new ArrayList<>(leases.size());
    byte[] lease = bytes(leaseTimeout.toMillis());
    for (Lease l : leases) {
      String[] k = {keys.active(l.queue()), keys.job(l.queue(), l.jobId())};
      replies.add(scripts.call(Script.EXTEND_LEASES, k, bytes(l.jobId()), bytes(l.token()), lease));
    }
    return results(replies, "extend leases");
  }

  private CompletableFuture<Object> call(Settlement s) {
    Lease l = s.lease();
    String q = l.queue();
    String active = keys.active(q);
    String job = keys.job(q, l.jobId());
    byte[] id = bytes(l.jobId());
    byte[] token = bytes(l.token());
    if (s instanceof Settlement.Complete) {
      return scripts.call(Script.COMPLETE, new String[] {active, keys.completed(q), job}, id, token);
    } else if (s instanceof Settlement.Retry r) {
      return scripts.call(
          Script.RETRY, new String[] {active, keys.retry(q), job}, id, token,
          bytes(Math.max(0, r.delayMillis())), bytes(r.error()));
    } else if (s instanceof Settlement.Dead d) {
      return scripts.call(Script.KILL, new String[] {active, keys.dead(q), job}, id, token, bytes(d.error()));
    } else if (s instanceof Settlement.Snooze z) {
      return scripts.call(
          Script.SNOOZE, new String[] {active, keys.scheduled(q), job}, id, token,
          bytes(Math.max(0, z.delayMillis())));
    } else if (s instanceof Settlement.Release) {
      return scripts.call(
          Script.RELEASE, new String[] {active, keys.pending(q), job}, id, token, bytes(keys.wake(q)));
    }
    throw new IllegalArgumentException("unknown settlement " + s);
  }

  private static List<SettleResult> results(List<CompletableFuture<Object>> replies, String what) {
    List<SettleResult> out = new ArrayList<>(replies.size());
    for (Object r : Await.all(replies, what)) {
      out.add(asLong(r) == 1 ? SettleResult.OK : SettleResult.STALE);
    }
    return out;
  }
}
