package dev.ferry.memory;

import dev.ferry.spi.Broker;
import dev.ferry.spi.BrokerContract;

/** The in-memory broker against the broker contract. */
class InMemoryBrokerTest extends BrokerContract {
  @Override
  protected Broker createBroker() {
    return new InMemoryBroker();
  }
}
