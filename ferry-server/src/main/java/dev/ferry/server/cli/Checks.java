package dev.ferry.server.cli;

import dev.ferry.InvalidJobException;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.JobState;

/**
 * Checks command-line input before a command connects to Redis, so bad input is refused (exit 2)
 * and nothing is written. Queue names and job ids are checked by core's own rules.
 */
public final class Checks {
  /** The largest page a list command asks for (the broker's page limit). */
  public static final int MAX_LIMIT = 1000;

  private Checks() {}

  /** A queue name valid for every entry point; throws with the rule otherwise. */
  public static String queue(String queue) {
    JobClient.check(JobRequest.of("ferry.cli").queue(queue));
    return queue;
  }

  /** A job id valid for every entry point; throws with the rule otherwise. */
  public static String jobId(String id) {
    try {
      JobClient.check(JobRequest.of("ferry.cli").queue(PROBE_QUEUE).id(id));
    } catch (InvalidJobException e) {
      // The rule is core's; the probe request's queue is not the operator's business.
      throw new InvalidJobException(e.getMessage().replace(" (queue " + PROBE_QUEUE + ")", ""));
    }
    return id;
  }

  private static final String PROBE_QUEUE = "ferry-cli-check";

  /** A page size between 1 and {@link #MAX_LIMIT}. */
  public static int limit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidJobException("--limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }

  /** A job state by its wire name (pending, scheduled, active, retry, completed, dead, cancelled). */
  public static JobState state(String name) {
    return JobState.fromWireName(name);
  }
}
