package dev.ferry.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.redis.RedisBroker;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every scenario shares: the Redis under test, the size, the meter, and fresh key prefixes.
 *
 * <p>On a Redis the harness started itself, {@link #reset} flushes it between scenarios so each
 * starts from empty memory. On a Redis given with {@code --redis} nothing is flushed: every
 * scenario works under its own key prefix, and {@link #close} deletes those keys (a SCAN over the
 * prefix: a benchmark's clean-up, never a product path).
 */
final class BenchContext implements AutoCloseable {
  private final String uri;
  private final boolean ownsRedis;
  private final Size size;
  private final RedisMeter meter;
  private final String runId = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  private int prefixes;

  BenchContext(String uri, boolean ownsRedis, Size size) {
    this.uri = uri;
    this.ownsRedis = ownsRedis;
    this.size = size;
    this.meter = new RedisMeter(uri);
  }

  Size size() {
    return size;
  }

  String uri() {
    return uri;
  }

  RedisMeter meter() {
    return meter;
  }

  /** A broker on a key prefix no other step of this run uses. */
  RedisBroker broker() {
    return RedisBroker.connect(uri, newPrefix());
  }

  /** A key prefix no other step of this run uses. */
  String newPrefix() {
    return "ferry-bench-" + runId + "-" + (++prefixes);
  }


  /** Empties the Redis when the harness owns it (so memory and counts start from zero). */
  void reset() {
    if (ownsRedis) {
      meter.redis().flushall();
    }
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * On a Redis given with {@code --redis}, deletes every key this run wrote (a SCAN over the run's
   * prefix: a benchmark's clean-up, never a product path); on its own Redis, {@link #reset} does.
   */
  void deleteOwnKeys() {
    if (ownsRedis) {
      return;
    }
    ScanCursor cursor = ScanCursor.INITIAL;
    ScanArgs match = ScanArgs.Builder.matches("ferry-bench-" + runId + "-*").limit(1000);
    do {
      KeyScanCursor<String> page = meter.redis().scan(cursor, match);
      if (!page.getKeys().isEmpty()) {
        meter.redis().unlink(page.getKeys().toArray(String[]::new));
      }
      cursor = page;
    } while (!cursor.isFinished());
  }

  @Override
  public void close() {
    try {
      deleteOwnKeys();
    } finally {
      meter.close();
    }
  }
}
