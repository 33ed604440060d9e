package dev.ferry.memory;

import dev.ferry.WorkerContract;
import dev.ferry.spi.Broker;

/** The worker contract on the in-memory broker. */
class InMemoryWorkerTest extends WorkerContract {
  @Override
  protected Broker createBroker() {
    return new InMemoryBroker();
  }
}
