package dev.ferry.redis.internal;

import io.lettuce.core.ScriptOutputType;
import java.util.List;

/**
 * The Lua scripts Ferry runs, each declared with the names of its KEYS and ARGV in call order.
 *
 * <p>The declaration is the Java side of each script's header contract: {@link ScriptRunner}
 * refuses a call with the wrong number of keys or arguments, and {@code LuaScriptHeadersTest}
 * checks that every file's header lists exactly these names in this order.
 */
public enum Script {
  ENQUEUE(
      "enqueue",
      ScriptOutputType.MULTI,
      List.of("pending", "scheduled", "uniquePrefix", "jobs", "jobPrefix", "leases", "events"),
      List.of("wakeChannel", "eventCap", "queue"),
      List.of("id", "type", "payload", "maxRetries", "delay", "timeout", "callerGivenId", "uniqueKey",
          "uniqueTtl")),
  CLAIM(
      "claim",
      ScriptOutputType.MULTI,
      List.of("pending", "active", "leases", "tokens", "jobs", "jobPrefix", "paused", "dead"),
      List.of("max", "leaseTimeout")),
  SETTLE(
      "settle",
      ScriptOutputType.MULTI,
      List.of("active", "leases", "completed", "retry", "dead", "scheduled", "pending", "jobs", "jobPrefix"),
      List.of("wakeChannel"),
      List.of("kind", "id", "token", "delay", "error")),
  EXTEND_LEASES(
      "extendLeases",
      ScriptOutputType.MULTI,
      List.of("active", "leases"),
      List.of("leaseTimeout"),
      List.of("id", "token")),
  PROMOTE_DUE(
      "promoteDue",
      ScriptOutputType.MULTI,
      List.of("scheduled", "retry", "pending", "jobs", "jobPrefix"),
      List.of("limit", "wakeChannel")),
  REAP_EXPIRED(
      "reapExpired",
      ScriptOutputType.INTEGER,
      List.of("active", "leases", "pending", "dead", "jobs", "jobPrefix"),
      List.of("limit", "wakeChannel")),
  PRUNE(
      "prune",
      ScriptOutputType.INTEGER,
      List.of("completed", "dead", "jobs", "jobPrefix"),
      List.of("completedFor", "completedMax", "deadFor", "deadMax", "limit")),
  REQUEUE_DEAD(
      "requeueDead",
      ScriptOutputType.INTEGER,
      List.of("dead", "pending", "jobs", "jobPrefix"),
      List.of("id", "limit", "wakeChannel")),
  PURGE_DEAD(
      "purgeDead",
      ScriptOutputType.INTEGER,
      List.of("dead", "jobs", "jobPrefix"),
      List.of("limit")),
  RETRY_NOW(
      "retryNow",
      ScriptOutputType.INTEGER,
      List.of("scheduled", "retry", "dead", "pending", "jobs", "jobPrefix"),
      List.of("id", "wakeChannel")),
  DELETE_JOB(
      "deleteJob",
      ScriptOutputType.INTEGER,
      List.of("pending", "scheduled", "retry", "active", "leases", "completed", "dead", "cancelled", "jobs", "jobPrefix"),
      List.of("id")),
  READ_JOBS(
      "readJobs",
      ScriptOutputType.MULTI,
      List.of("jobs", "jobPrefix", "leases"),
      List.of(),
      List.of("id")),
  APPEND_EVENTS(
      "appendEvents",
      ScriptOutputType.INTEGER,
      List.of("events"),
      List.of("cap"),
      List.of("kind", "id", "queue", "type", "attempt", "at", "duration", "waited", "error")),
  ANNOUNCE_WORKER(
      "announceWorker",
      ScriptOutputType.INTEGER,
      List.of("workers", "seen"),
      List.of("id", "record", "ttl")),
  LIST_WORKERS(
      "listWorkers",
      ScriptOutputType.MULTI,
      List.of("workers", "seen"),
      List.of("limit"));

  private final String fileName;
  private final ScriptOutputType output;
  private final List<String> keys;
  private final List<String> args;
  private final List<String> each;

  Script(String verb, ScriptOutputType output, List<String> keys, List<String> args) {
    this(verb, output, keys, args, List.of());
  }

  /**
   * A batched script: after the fixed {@code args}, ARGV repeats the group {@code each} once per
   * item (the header documents it as {@code ARGV[n..]}).
   */
  Script(String verb, ScriptOutputType output, List<String> keys, List<String> args, List<String> each) {
    this.fileName = verb + ".lua";
    this.output = output;
    this.keys = keys;
    this.args = args;
    this.each = each;
  }

  /** The file under {@link LuaSource#DIRECTORY}, named for the verb. */
  public String fileName() {
    return fileName;
  }

  ScriptOutputType output() {
    return output;
  }

  /** The KEYS names, in order. */
  public List<String> keys() {
    return keys;
  }

  /** The ARGV names, in order (the fixed ones, before any repeated group). */
  public List<String> args() {
    return args;
  }

  /** The names of the ARGV group repeated once per item; empty for a script of fixed arity. */
  public List<String> each() {
    return each;
  }
}
