package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.redis.internal.Keys;
import dev.ferry.spi.Broker;
import dev.ferry.spi.BrokerContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis broker against the broker contract, on a private redis-server. */
class RedisBrokerIT extends BrokerContract {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static RedisProcess redis;
  private static RedisClient rawClient;
  private static StatefulRedisConnection<String, String> raw;
  private String prefix;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
    rawClient = RedisClient.create(redis.uri());
    raw = rawClient.connect();
  }

  @AfterAll
  static void stopRedis() {
    raw.close();
    rawClient.shutdown();
    redis.close();
  }

  @Override
  protected Broker createBroker() {
    prefix = "contract" + TESTS.incrementAndGet();
    return RedisBroker.connect(redis.uri(), prefix);
  }

  /** Besides what every broker keeps consistent: a job has a lease exactly while it is active. */
  @Override
  protected void assertStoredConsistently() {
    super.assertStoredConsistently();
    Keys keys = new Keys(prefix);
    var ids = raw.sync().zrange(keys.active(Q), 0, -1);
    assertThat(raw.sync().hkeys(keys.leases(Q))).containsExactlyInAnyOrderElementsOf(ids);
  }
}
