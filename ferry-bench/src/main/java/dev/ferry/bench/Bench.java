package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.redis.RedisProcess;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end benchmark harness behind {@code ferry bench}: runs the chosen scenarios against
 * one Redis (its own {@code redis-server} on a free port unless a URI is given) and reports them
 * as one JSON object whose field names are a stable contract.
 *
 * <p>Everything runs in this JVM: the producer, the worker and the meter. The worker is the real
 * {@code Worker} with leases, heartbeat, fencing and maintenance on.
 */
public final class Bench {
  /** Every scenario, in the order they run. */
  public static final List<String> SCENARIOS =
      List.of("enqueue", "process", "latency", "mixed", "scale", "memory", "ceiling");

  /** Most runs one invocation may fold together. */
  public static final int MAX_REPEAT = 20;

  /**
   * What to run: a Redis URI (null = start one), scenario names (empty = all), the size, and how
   * many times to run them all (the report then holds each figure's median).
   */
  public record Options(String redisUri, List<String> scenarios, Size size, int repeat) {
    public Options(String redisUri, List<String> scenarios, Size size) {
      this(redisUri, scenarios, size, 1);
    }

    public Options {
      if (repeat < 1 || repeat > MAX_REPEAT) {
        throw new IllegalArgumentException("--repeat must be between 1 and " + MAX_REPEAT + ", got " + repeat);
      }
      scenarios = scenarios == null || scenarios.isEmpty() ? SCENARIOS : List.copyOf(scenarios);
      for (String s : scenarios) {
        if (!SCENARIOS.contains(s)) {
          throw new IllegalArgumentException("unknown scenario '" + s + "'; choose from " + SCENARIOS);
        }
      }
      size = size == null ? Size.FULL : size;
    }
  }

  private Bench() {}

  /**
   * Runs the scenarios ({@code repeat} times, one round after another, so a slow spell of the
   * machine lands in one round rather than in one scenario) and returns the report; with repeats,
   * each figure is the median of the rounds, and {@code runs} holds every round's own report.
   * {@code progress} gets one line as each scenario starts (pass a stream that goes to stderr, so
   * JSON on stdout stays clean).
   */
  public static ObjectNode run(Options options, PrintStream progress) throws Exception {
    RedisProcess own = options.redisUri() == null ? RedisProcess.start() : null;
    String uri = own != null ? own.uri() : options.redisUri();
    try (BenchContext ctx = new BenchContext(uri, own != null, options.size())) {
      List<ObjectNode> rounds = new ArrayList<>();
      for (int i = 1; i <= options.repeat(); i++) {
        if (options.repeat() > 1) {
          progress.println("ferry bench: round " + i + " of " + options.repeat());
        }
        rounds.add(once(ctx, options, progress));
        ctx.deleteOwnKeys(); // on someone else's Redis, rounds must not pile up each other's jobs
      }
      if (rounds.size() == 1) {
        return rounds.get(0);
      }
      ObjectNode report = (ObjectNode) Medians.of(rounds);
      putCeilingRatio(report); // of the medians printed beside it, not the median of the ratios
      report.put("repeat", rounds.size());
      report.set("runs", BenchContext.array().addAll(rounds));
      return report;
    } finally {
      if (own != null) {
        own.close();
      }
    }
  }

  private static ObjectNode once(BenchContext ctx, Options options, PrintStream progress) throws Exception {
    ObjectNode report = BenchContext.object();
    report.set("machine", Machine.describe(ctx));
    report.put("size", options.size().name().toLowerCase());
    Map<String, Scenario> all = scenarios();
    for (String name : SCENARIOS) {
      if (!options.scenarios().contains(name)) {
        continue;
      }
      progress.println("ferry bench: running " + name + " (" + options.size().name().toLowerCase() + ")");
      long t = System.nanoTime();
      JsonNode result = all.get(name).run(ctx);
      report.set(name, result);
      progress.printf("ferry bench: %s done in %.1f s%n", name, (System.nanoTime() - t) / 1e9);
    }
    putCeilingRatio(report);
    return report;
  }

  /** Ferry's best processing rate as a percentage of the ceiling, when both ran. */
  private static void putCeilingRatio(ObjectNode report) {
    if (report.has("ceiling") && report.has("process")) {
      double best = 0;
      for (JsonNode row : report.get("process")) {
        best = Math.max(best, row.get("jobsPerSecond").asDouble());
      }
      ((ObjectNode) report.get("ceiling")).put(
          "ferryPercentOfCeiling",
          Stats.round(100 * Stats.ratio(best, report.get("ceiling").get("pairsPerSecond").asDouble()), 1));
    }
  }

  private static Map<String, Scenario> scenarios() {
    List<Scenario> list = new ArrayList<>(List.of(
        new EnqueueScenario(),
        new ProcessScenario(),
        new LatencyScenario(),
        new MixedScenario(),
        new ScaleScenario(),
        new MemoryScenario(),
        new CeilingScenario()));
    Map<String, Scenario> out = new LinkedHashMap<>();
    list.forEach(s -> out.put(s.name(), s));
    return out;
  }
}
