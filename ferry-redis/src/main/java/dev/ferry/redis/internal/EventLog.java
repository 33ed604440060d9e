package dev.ferry.redis.internal;

import dev.ferry.InvalidJobException;
import dev.ferry.JobEvent;
import dev.ferry.spi.EventBatch;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The per-queue event log: one capped Redis Stream per queue ({@code XADD MAXLEN ~}), appended in
 * pipelined batches and read with {@code XREAD BLOCK} on a connection of its own (a blocking read
 * must not stall the shared command connection).
 *
 * <p>A cursor is the last id read per queue, written {@code queue=id,queue=id}.
 */
public final class EventLog implements AutoCloseable {
  /** Events kept per queue; older ones are trimmed (approximately, as {@code MAXLEN ~} does). */
  public static final long CAP_PER_QUEUE = 10_000;

  private final RedisAsyncCommands<String, byte[]> redis;
  private final Supplier<StatefulRedisConnection<String, byte[]>> connect;
  private final Keys keys;
  private StatefulRedisConnection<String, byte[]> reader;

  public EventLog(
      RedisAsyncCommands<String, byte[]> redis, Supplier<StatefulRedisConnection<String, byte[]>> connect, Keys keys) {
    this.redis = redis;
    this.connect = connect;
    this.keys = keys;
  }

  public void append(List<JobEvent> events) {
    XAddArgs cap = XAddArgs.Builder.maxlen(CAP_PER_QUEUE).approximateTrimming();
    List<CompletionStage<String>> replies = new ArrayList<>(events.size());
    for (JobEvent e : events) {
      replies.add(redis.xadd(keys.events(e.queue()), cap, encode(e)));
    }
    Await.all(replies, "append " + events.size() + " events");
  }

  /** Reads after {@code cursor}; a null cursor starts at each stream's current end. */
  public synchronized EventBatch read(Collection<String> queues, String cursor, int max, Duration block)
      throws InterruptedException {
    Map<String, String> after = cursor == null ? ends(queues) : parse(cursor, queues);
    if (reader == null || !reader.isOpen()) {
      reader = connect.get();
    }
    List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
    after.forEach((q, id) -> offsets.add(XReadArgs.StreamOffset.from(keys.events(q), id)));
    XReadArgs args = XReadArgs.Builder.count(max);
    if (!block.isZero()) {
      args.block(block);
    }
    List<StreamMessage<String, byte[]>> messages =
        offsets.isEmpty() ? List.of() : reader.sync().xread(args, offsets.toArray(XReadArgs.StreamOffset[]::new));
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    List<JobEvent> out = new ArrayList<>();
    Map<String, String> next = new LinkedHashMap<>(after);
    for (StreamMessage<String, byte[]> m : messages) {
      JobEvent e = decode(m.getBody());
      out.add(e);
      next.put(e.queue(), m.getId());
    }
    out.sort((a, b) -> a.at().compareTo(b.at()));
    return new EventBatch(out, format(next));
  }

  private Map<String, String> ends(Collection<String> queues) {
    Map<String, CompletionStage<List<StreamMessage<String, byte[]>>>> last = new LinkedHashMap<>();
    for (String q : queues) {
      last.put(q, redis.xrevrange(keys.events(q), Range.create("-", "+"), io.lettuce.core.Limit.from(1)));
    }
    Map<String, String> out = new LinkedHashMap<>();
    last.forEach((q, r) -> {
      List<StreamMessage<String, byte[]>> m = Await.one(r, "read the end of the event log of " + q);
      out.put(q, m.isEmpty() ? "0-0" : m.get(0).getId());
    });
    return out;
  }

  private static Map<String, String> parse(String cursor, Collection<String> queues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String q : queues) {
      out.put(q, "0-0");
    }
    for (String part : cursor.split(",")) {
      int eq = part.lastIndexOf('=');
      if (part.isEmpty()) {
        continue;
      }
      if (eq <= 0 || !part.substring(eq + 1).matches("\\d+-\\d+")) {
        throw new InvalidJobException("event cursor '" + cursor + "' is invalid: pass the cursor of the previous read");
      }
      String q = part.substring(0, eq);
      if (out.containsKey(q)) {
        out.put(q, part.substring(eq + 1));
      }
    }
    return out;
  }

  private static String format(Map<String, String> positions) {
    StringBuilder b = new StringBuilder();
    positions.forEach((q, id) -> b.append(b.length() == 0 ? "" : ",").append(q).append('=').append(id));
    return b.toString();
  }

  private static Map<String, byte[]> encode(JobEvent e) {
    Map<String, byte[]> m = new HashMap<>();
    m.put("k", Replies.bytes(e.kind().wireName()));
    m.put("id", Replies.bytes(e.jobId()));
    m.put("q", Replies.bytes(e.queue()));
    m.put("t", Replies.bytes(e.type() == null ? "" : e.type()));
    m.put("a", Replies.bytes(e.attempt()));
    m.put("at", Replies.bytes(e.at().toEpochMilli()));
    if (e.duration() != null) {
      m.put("d", Replies.bytes(e.duration().toMillis()));
    }
    if (e.waited() != null) {
      m.put("w", Replies.bytes(e.waited().toMillis()));
    }
    if (e.error() != null) {
      m.put("e", e.error().getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  private static JobEvent decode(Map<String, byte[]> m) {
    return new JobEvent(
        JobEvent.Kind.valueOf(text(m, "k").toUpperCase(java.util.Locale.ROOT)),
        text(m, "id"),
        text(m, "q"),
        text(m, "t"),
        (int) Replies.parseLong(text(m, "a")),
        Instant.ofEpochMilli(Replies.parseLong(text(m, "at"))),
        m.containsKey("d") ? Duration.ofMillis(Replies.parseLong(text(m, "d"))) : null,
        m.containsKey("w") ? Duration.ofMillis(Replies.parseLong(text(m, "w"))) : null,
        m.containsKey("e") ? text(m, "e") : null);
  }

  private static String text(Map<String, byte[]> m, String field) {
    byte[] b = m.get(field);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void close() {
    if (reader != null) {
      reader.close();
    }
  }
}
