package dev.ferry.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what Redis says about itself ({@code INFO commandstats}, {@code memory}, {@code cpu}) on
 * its own connection, so a scenario can report commands per job, bytes per job and Redis CPU.
 *
 * <p>{@code commandstats} counts every command Redis executed, including those a Lua script ran
 * with {@code redis.call}: an EVALSHA that runs five commands counts six. The meter's own INFO
 * calls are left out of the sums.
 */
public final class RedisMeter implements AutoCloseable {
  /** What Redis had done at one instant. */
  public record Snapshot(long commands, long scriptCalls, long usedMemory, double cpuSeconds) {}

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;

  public RedisMeter(String uri) {
    this.client = RedisClient.create(uri);
    this.connection = client.connect();
    this.redis = connection.sync();
  }

  /** The Redis commands for scenarios that need a raw connection (flush, config, seeding). */
  public RedisCommands<String, String> redis() {
    return redis;
  }

  public Snapshot snapshot() {
    Map<String, String> stats = fields(redis.info("commandstats"));
    long commands = 0;
    long scripts = 0;
    for (Map.Entry<String, String> e : stats.entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("cmdstat_") || name.equals("cmdstat_info")) {
        continue;
      }
      long calls = callsOf(e.getValue());
      commands += calls;
      if (name.startsWith("cmdstat_evalsha") || name.startsWith("cmdstat_eval") || name.startsWith("cmdstat_fcall")) {
        scripts += calls;
      }
    }
    Map<String, String> memory = fields(redis.info("memory"));
    Map<String, String> cpu = fields(redis.info("cpu"));
    double cpuSeconds =
        Double.parseDouble(cpu.getOrDefault("used_cpu_user", "0")) + Double.parseDouble(cpu.getOrDefault("used_cpu_sys", "0"));
    return new Snapshot(commands, scripts, Long.parseLong(memory.getOrDefault("used_memory", "0")), cpuSeconds);
  }

  static long callsOf(String value) {
    for (String part : value.split(",")) {
      if (part.startsWith("calls=")) {
        return Long.parseLong(part.substring("calls=".length()));
      }
    }
    return 0;
  }

  static Map<String, String> fields(String info) {
    Map<String, String> out = new HashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return out;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
