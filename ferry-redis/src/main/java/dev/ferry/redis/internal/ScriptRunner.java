package dev.ferry.redis.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Runs Ferry's Lua scripts by SHA: loads each file once, calls it with EVALSHA, and on
 * {@code NOSCRIPT} (Redis restarted or flushed its script cache) loads it again and retries.
 *
 * <p>Calls are asynchronous so callers can pipeline many of them in one round trip and then wait
 * for all with {@link Await}.
 */
public final class ScriptRunner {
  private final RedisAsyncCommands<String, byte[]> redis;
  private final Map<Script, String> bodies = new EnumMap<>(Script.class);
  private final Map<Script, String> shas = new EnumMap<>(Script.class);

  public ScriptRunner(RedisAsyncCommands<String, byte[]> redis) {
    this.redis = redis;
    for (Script s : Script.values()) {
      String body = LuaSource.assembled(s.fileName());
      bodies.put(s, body);
      shas.put(s, LuaSource.sha1(body));
    }
  }

  private ScriptRunner(RedisAsyncCommands<String, byte[]> redis, ScriptRunner scripts) {
    this.redis = redis;
    this.bodies.putAll(scripts.bodies);
    this.shas.putAll(scripts.shas);
  }

  /** The same scripts, called over another connection (one of its own, for a blocking caller). */
  public ScriptRunner on(RedisAsyncCommands<String, byte[]> other) {
    return new ScriptRunner(other, this);
  }

  /** Loads every script into Redis's script cache (so the first calls need no reload). */
  public void loadAll() {
    for (Script s : Script.values()) {
      Await.one(redis.scriptLoad(bodies.get(s)), "load script " + s.fileName());
    }
  }

  /**
   * Calls {@code script}; the reply is a {@code Long} for integer scripts and a {@code List} of
   * {@code Long} and {@code byte[]} for the others.
   */
  public CompletableFuture<Object> call(Script script, String[] keys, byte[]... args) {
    int fixed = script.args().size();
    int each = script.each().size();
    boolean arity = each == 0
        ? args.length == fixed
        : args.length >= fixed && (args.length - fixed) % each == 0;
    if (keys.length != script.keys().size() || !arity) {
      throw new IllegalArgumentException(
          script.fileName() + " takes KEYS " + script.keys() + " and ARGV " + script.args()
              + (each == 0 ? "" : " then " + script.each() + " per item")
              + ", got " + keys.length + " keys and " + args.length + " args");
    }
    return evalsha(script, keys, args)
        .exceptionallyCompose(
            e -> isNoScript(e)
                ? redis.scriptLoad(bodies.get(script)).thenCompose(sha -> evalsha(script, keys, args))
                : CompletableFuture.failedStage(e))
        .toCompletableFuture();
  }

  private CompletionStage<Object> evalsha(Script script, String[] keys, byte[][] args) {
    return redis.evalsha(shas.get(script), script.output(), keys, args);
  }

  private static boolean isNoScript(Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return t instanceof RedisNoScriptException
        || (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT"));
  }
}
