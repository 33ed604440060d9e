package dev.ferry.server;

import dev.ferry.memory.InMemoryBroker;
import dev.ferry.redis.RedisBroker;
import dev.ferry.spi.Broker;
import picocli.CommandLine.Option;

/** The {@code --redis} option every command shares, and how it becomes a broker. */
final class BrokerOptions {
  @Option(
      names = "--redis",
      paramLabel = "URL",
      description =
          "Redis URI: redis://[user:password@]host:port[/db] or rediss:// for TLS."
              + " Default: the FERRY_REDIS environment variable.")
  String redis = System.getenv("FERRY_REDIS");

  @Option(names = "--prefix", paramLabel = "PREFIX", description = "Key prefix in Redis (default: ferry).")
  String prefix = "ferry";

  /** The Redis broker; a command that needs Redis fails with a usage error without a URL. */
  Broker requireRedis() {
    if (redis == null || redis.isBlank()) {
      throw new IllegalArgumentException("--redis URL is required (or set FERRY_REDIS)");
    }
    return RedisBroker.connect(redis, prefix);
  }

  /** The Redis broker if a URL is given, else the in-memory one. */
  Broker redisOrMemory() {
    return redis == null || redis.isBlank() ? new InMemoryBroker() : RedisBroker.connect(redis, prefix);
  }

  boolean hasRedis() {
    return redis != null && !redis.isBlank();
  }
}
