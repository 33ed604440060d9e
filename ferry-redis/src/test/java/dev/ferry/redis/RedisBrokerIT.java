package dev.ferry.redis;

import dev.ferry.spi.Broker;
import dev.ferry.spi.BrokerContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis broker against the broker contract, on a private redis-server. */
class RedisBrokerIT extends BrokerContract {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected Broker createBroker() {
    return RedisBroker.connect(redis.uri(), "contract" + TESTS.incrementAndGet());
  }
}
