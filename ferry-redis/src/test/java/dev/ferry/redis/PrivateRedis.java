package dev.ferry.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * A private redis-server for one test class, with plain connections to it for looking at what
 * Ferry wrote: values as text, or as bytes.
 */
final class PrivateRedis implements AutoCloseable {
  private final RedisProcess process;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> text;
  private final StatefulRedisConnection<String, byte[]> bytes;

  private PrivateRedis(RedisProcess process) {
    this.process = process;
    this.client = RedisClient.create(process.uri());
    this.text = client.connect();
    this.bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  static PrivateRedis start() {
    return new PrivateRedis(RedisProcess.start());
  }

  String uri() {
    return process.uri();
  }

  RedisCommands<String, String> text() {
    return text.sync();
  }

  RedisCommands<String, byte[]> bytes() {
    return bytes.sync();
  }

  @Override
  public void close() {
    text.close();
    bytes.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    process.close();
  }
}
