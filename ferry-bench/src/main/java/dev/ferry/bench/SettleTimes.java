package dev.ferry.bench;

import dev.ferry.spi.Broker;
import dev.ferry.spi.Settlement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;

/**
 * Wraps a {@link Broker} so the harness learns when each settlement was acknowledged by Redis
 * (the end of a job's end-to-end latency). Every other call passes straight through; a dynamic
 * proxy keeps the wrapper independent of the SPI's other methods.
 */
final class SettleTimes {
  private SettleTimes() {}

  /** A broker that calls {@code settled} with each settlement once {@code settle} returned. */
  static Broker observe(Broker broker, Consumer<Settlement> settled) {
    return (Broker) Proxy.newProxyInstance(
        Broker.class.getClassLoader(),
        new Class<?>[] {Broker.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(broker, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("settle") && args != null && args.length == 1) {
            @SuppressWarnings("unchecked")
            List<Settlement> settlements = (List<Settlement>) args[0];
            settlements.forEach(settled);
          }
          return result;
        });
  }
}
