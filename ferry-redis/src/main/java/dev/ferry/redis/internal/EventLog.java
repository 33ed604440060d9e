package dev.ferry.redis.internal;

import dev.ferry.InvalidJobException;
import dev.ferry.JobEvent;
import dev.ferry.spi.EventBatch;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The per-queue event log: one capped Redis Stream per queue ({@code XADD MAXLEN ~}), appended in
 * batches by {@code appendEvents.lua} (one command per batch, not per event) and read with
 * {@code XREAD}; a blocking {@code XREAD BLOCK} runs on a reader connection of its own, so it
 * stalls neither the shared command connection nor another reader.
 *
 * <p>A cursor is the last id read per queue, written {@code queue=id,queue=id}.
 */
public final class EventLog implements AutoCloseable {
  /** Events kept per queue; older ones are trimmed (approximately, as {@code MAXLEN ~} does). */
  public static final long CAP_PER_QUEUE = 10_000;

  /** Events per {@code appendEvents.lua} call. */
  static final int CHUNK = 500;

  /** Values per event in an {@code appendEvents.lua} call. */
  private static final int FIELDS = 9;

  private static final byte[] EMPTY = new byte[0];

  private final RedisAsyncCommands<String, byte[]> redis;
  private final ScriptRunner scripts;
  private final Supplier<StatefulRedisConnection<String, byte[]>> connect;
  private final Keys keys;
  /** Reader connections not in a blocking read now; as many exist as blocking reads ever ran at once. */
  private final ConcurrentLinkedQueue<StatefulRedisConnection<String, byte[]>> idleReaders =
      new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  public EventLog(
      RedisAsyncCommands<String, byte[]> redis,
      ScriptRunner scripts,
      Supplier<StatefulRedisConnection<String, byte[]>> connect,
      Keys keys) {
    this.redis = redis;
    this.scripts = scripts;
    this.connect = connect;
    this.keys = keys;
  }

  /** Appends the events in order: one {@code appendEvents.lua} call per queue and {@link #CHUNK} events, pipelined. */
  public void append(List<JobEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    byte[] cap = Replies.bytes(CAP_PER_QUEUE);
    QueueChunks.send(events.size(), i -> events.get(i).queue(), CHUNK, (q, chunk) -> {
      byte[][] args = new byte[1 + chunk.size() * FIELDS][];
      args[0] = cap;
      int a = 1;
      for (int i : chunk) {
        a = encode(events.get(i), args, a);
      }
      return scripts.call(Script.APPEND_EVENTS, new String[] {keys.events(q)}, args);
    }).await("append " + events.size() + " events");
  }

  /**
   * Reads after {@code cursor}; a null cursor starts at each stream's current end. A read that
   * does not block goes over the shared connection; a blocking one takes a reader connection of
   * its own for the wait (an idle one, or a new one), so concurrent readers (several SSE clients,
   * the dashboard) never wait for each other.
   */
  public EventBatch read(Collection<String> queues, String cursor, int max, Duration block)
      throws InterruptedException {
    Map<String, String> after = cursor == null ? ends(queues) : parse(cursor, queues);
    List<XReadArgs.StreamOffset<String>> offsets = new ArrayList<>();
    after.forEach((q, id) -> offsets.add(XReadArgs.StreamOffset.from(keys.events(q), id)));
    XReadArgs args = XReadArgs.Builder.count(max);
    @SuppressWarnings("unchecked")
    XReadArgs.StreamOffset<String>[] from = offsets.toArray(XReadArgs.StreamOffset[]::new);
    List<StreamMessage<String, byte[]>> messages;
    if (offsets.isEmpty()) {
      messages = List.of();
    } else if (block.isZero()) {
      messages = Await.one(redis.xread(args, from), "read the event log");
    } else {
      args.block(block);
      messages = blocking(c -> c.sync().xread(args, from));
    }
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

  /** Runs a blocking read on an idle reader connection (opening one when none is idle), then returns it. */
  private <T> T blocking(Function<StatefulRedisConnection<String, byte[]>, T> read) {
    StatefulRedisConnection<String, byte[]> c = idleReaders.poll();
    while (c != null && !c.isOpen()) {
      c = idleReaders.poll();
    }
    if (c == null) {
      c = connect.get();
    }
    try {
      return read.apply(c);
    } finally {
      if (closed) {
        c.close();
      } else {
        idleReaders.offer(c);
      }
    }
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

  /** Writes one event's 9 {@code appendEvents.lua} values into {@code args} at {@code at}; returns the next index. */
  private static int encode(JobEvent e, byte[][] args, int at) {
    args[at] = Replies.bytes(e.kind().wireName());
    args[at + 1] = Replies.bytes(e.jobId());
    args[at + 2] = Replies.bytes(e.queue());
    args[at + 3] = Replies.bytes(e.type() == null ? "" : e.type());
    args[at + 4] = Replies.bytes(e.attempt());
    args[at + 5] = Replies.bytes(e.at().toEpochMilli());
    args[at + 6] = e.duration() == null ? EMPTY : Replies.bytes(e.duration().toMillis());
    args[at + 7] = e.waited() == null ? EMPTY : Replies.bytes(e.waited().toMillis());
    args[at + 8] = e.error() == null ? EMPTY : e.error().getBytes(StandardCharsets.UTF_8);
    return at + FIELDS;
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
  public void close() {
    closed = true;
    for (StatefulRedisConnection<String, byte[]> c; (c = idleReaders.poll()) != null; ) {
      c.close();
    }
  }
}
