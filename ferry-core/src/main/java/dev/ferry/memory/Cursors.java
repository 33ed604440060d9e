package dev.ferry.memory;

import dev.ferry.InvalidJobException;

/** Encodes and checks the offset cursors of paged listings. */
final class Cursors {
  private Cursors() {}

  static String of(long offset) {
    return Long.toString(offset);
  }

  static long offset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(cursor);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidJobException("cursor '" + cursor + "' is invalid: pass the nextCursor of the previous page");
  }
}
