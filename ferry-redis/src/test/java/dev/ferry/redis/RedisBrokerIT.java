package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.redis.internal.Keys;
import dev.ferry.spi.Broker;
import dev.ferry.spi.BrokerContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis broker against the broker contract, on a private redis-server. */
class RedisBrokerIT extends BrokerContract {
  private static final AtomicInteger TESTS = new AtomicInteger();
  @RegisterExtension static final PrivateRedis redis = new PrivateRedis();
  private String prefix;

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
    var ids = redis.text().zrange(keys.active(Q), 0, -1);
    assertThat(redis.text().hkeys(keys.leases(Q))).containsExactlyInAnyOrderElementsOf(ids);
  }
}
