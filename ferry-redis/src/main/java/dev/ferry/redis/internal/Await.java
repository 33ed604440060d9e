package dev.ferry.redis.internal;

import dev.ferry.FerryException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for Redis replies and turns every Redis failure into a {@link FerryException} that says
 * what Ferry was doing.
 *
 * <p>Lettuce itself times out each command (see {@code RedisBroker}); the wait here is a backstop
 * a little longer than that, so a lost reply cannot hang a caller forever.
 */
public final class Await {
  /** The backstop on one wait; Lettuce's own command timeout (10 s) normally fires first. */
  static final long BACKSTOP_SECONDS = 15;

  private Await() {}

  /** The reply of one command. */
  public static <T> T one(CompletionStage<T> reply, String what) {
    try {
      return reply.toCompletableFuture().get(BACKSTOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryException("interrupted while waiting for Redis to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new FerryException("Redis failed to " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new FerryException("Redis did not answer within " + BACKSTOP_SECONDS + " s to " + what, e);
    } catch (RuntimeException e) {
      throw new FerryException("Redis failed to " + what + ": " + e.getMessage(), e);
    }
  }

  /** The replies of pipelined commands, in order; fails with the first failure. */
  public static <T> List<T> all(List<? extends CompletionStage<T>> replies, String what) {
    List<T> out = new ArrayList<>(replies.size());
    for (CompletionStage<T> r : replies) {
      out.add(one(r, what));
    }
    return out;
  }
}
