package dev.ferry.internal;

import java.security.SecureRandom;

/**
 * Makes job ids: 26-character ULIDs (48-bit millisecond time, 80 random bits, Crockford base32),
 * so ids sort by creation time and never need coordination.
 */
public final class JobIds {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom SEED = new SecureRandom();
  private static final ThreadLocal<java.util.SplittableRandom> RANDOM =
      ThreadLocal.withInitial(() -> new java.util.SplittableRandom(SEED.nextLong()));

  private JobIds() {}

  /** A new id for a job created now. */
  public static String next() {
    return next(System.currentTimeMillis());
  }

  static String next(long millis) {
    char[] out = new char[26];
    long time = millis;
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    java.util.SplittableRandom r = RANDOM.get();
    long hi = r.nextLong();
    long lo = r.nextLong();
    for (int i = 10; i < 26; i++) {
      long source = i < 18 ? hi : lo;
      int shift = (i < 18 ? i - 10 : i - 18) * 5;
      out[i] = ALPHABET[(int) ((source >>> shift) & 31)];
    }
    return new String(out);
  }
}
