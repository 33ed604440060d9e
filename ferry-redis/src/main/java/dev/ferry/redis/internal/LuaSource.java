package dev.ferry.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a script file from the classpath and splices in its includes.
 *
 * <p>A line {@code -- @include name} is replaced by the file {@code include/name.lua}, so shared
 * logic (such as the lease check) lives in one small file and every script stays one EVAL.
 */
public final class LuaSource {
  /** The classpath directory that holds the scripts. */
  public static final String DIRECTORY = "/dev/ferry/redis/lua/";

  private static final String INCLUDE = "-- @include ";

  private LuaSource() {}

  /** The file exactly as written (header included), without includes spliced in. */
  public static String raw(String fileName) {
    try (InputStream in = LuaSource.class.getResourceAsStream(DIRECTORY + fileName)) {
      if (in == null) {
        throw new IllegalStateException("Lua script " + DIRECTORY + fileName + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lua script " + fileName, e);
    }
  }

  /** The script body ready to send to Redis: the file with every include spliced in. */
  public static String assembled(String fileName) {
    StringBuilder out = new StringBuilder();
    for (String line : raw(fileName).split("\n", -1)) {
      if (line.startsWith(INCLUDE)) {
        out.append(raw("include/" + line.substring(INCLUDE.length()).trim() + ".lua"));
      } else {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** The SHA-1 Redis gives this script body (used by EVALSHA). */
  public static String sha1(String body) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(md.digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
