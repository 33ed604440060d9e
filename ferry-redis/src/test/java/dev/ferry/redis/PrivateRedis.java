package dev.ferry.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private redis-server for one test class, with plain connections to it for looking at what
 * Ferry wrote: values as text, or as bytes. Register it as a static field:
 * {@code @RegisterExtension static final PrivateRedis redis = new PrivateRedis();}
 */
final class PrivateRedis implements BeforeAllCallback, AfterAllCallback {
  private RedisProcess process;
  private RedisClient client;
  private StatefulRedisConnection<String, String> text;
  private StatefulRedisConnection<String, byte[]> bytes;

  @Override
  public void beforeAll(ExtensionContext context) {
    process = RedisProcess.start();
    client = RedisClient.create(process.uri());
    text = client.connect();
    bytes = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
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
  public void afterAll(ExtensionContext context) {
    text.close();
    bytes.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    process.close();
  }
}
