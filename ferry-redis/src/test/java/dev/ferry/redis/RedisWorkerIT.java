package dev.ferry.redis;

import dev.ferry.WorkerContract;
import dev.ferry.spi.Broker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The worker contract on the Redis broker, on a private redis-server. */
class RedisWorkerIT extends WorkerContract {
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
    return RedisBroker.connect(redis.uri(), "worker" + TESTS.incrementAndGet());
  }
}
