package dev.ferry.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes script arguments and decodes script replies: numbers travel as ASCII decimal, text as
 * UTF-8, payloads as the exact bytes.
 */
public final class Replies {
  private Replies() {}

  public static byte[] bytes(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] bytes(long n) {
    return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
  }

  /** A reply element as a long (Lua integers arrive as Long, hash fields as bytes). */
  public static long asLong(Object o) {
    if (o instanceof Long l) {
      return l;
    }
    if (o instanceof byte[] b) {
      return parseLong(new String(b, StandardCharsets.US_ASCII));
    }
    throw new IllegalStateException("expected a number in the Redis reply, got " + o);
  }

  /**
   * Parses a number Lua wrote: plain decimal, or the float form some servers give Lua numbers
   * (for example {@code 1.7e+12}).
   */
  public static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return (long) Double.parseDouble(s);
    }
  }

  /** A reply element as text; null for a nil or empty reply. */
  public static String asString(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof byte[] b) {
      return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }
    return o.toString();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> asList(Object o) {
    return (List<Object>) o;
  }
}
