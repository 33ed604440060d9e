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

  /** What to run: a Redis URI (null = start one), scenario names (empty = all) and the size. */
  public record Options(String redisUri, List<String> scenarios, Size size) {
    public Options {
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
   * Runs the scenarios and returns the report; {@code progress} gets one line as each scenario
   * starts (pass a stream that goes to stderr, so JSON on stdout stays clean).
   */
  public static ObjectNode run(Options options, PrintStream progress) throws Exception {
    RedisProcess own = options.redisUri() == null ? RedisProcess.start() : null;
    String uri = own != null ? own.uri() : options.redisUri();
    try (BenchContext ctx = new BenchContext(uri, own != null, options.size())) {
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
      if (report.has("ceiling") && report.has("process")) {
        double best = 0;
        for (JsonNode row : report.get("process")) {
          best = Math.max(best, row.get("jobsPerSecond").asDouble());
        }
        ((ObjectNode) report.get("ceiling")).put(
            "ferryPercentOfCeiling",
            Stats.round(100 * Stats.ratio(best, report.get("ceiling").get("pairsPerSecond").asDouble()), 1));
      }
      return report;
    } finally {
      if (own != null) {
        own.close();
      }
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
