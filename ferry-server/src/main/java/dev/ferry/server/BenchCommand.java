package dev.ferry.server;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.bench.Bench;
import dev.ferry.bench.Size;
import dev.ferry.bench.Table;
import dev.ferry.internal.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry bench}: the end-to-end benchmark harness (see docs/performance.md). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark Ferry against a Redis: enqueue, process, latency, mixed, scale, memory, ceiling.",
      "Starts its own redis-server on a free port unless --redis is given (then it works under its",
      "own key prefixes and deletes them afterwards)."
    })
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--redis", paramLabel = "URL", description = "Benchmark this Redis instead of a private one.")
  String redis;

  @Option(names = "--scenario", paramLabel = "NAME", split = ",",
      description = "Scenarios to run (repeatable or comma-separated; default all): ${COMPLETION-CANDIDATES}",
      completionCandidates = ScenarioNames.class)
  List<String> scenarios;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "full",
      description = "full (the published numbers) or small (a quick check); default ${DEFAULT-VALUE}.")
  String size;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
      description = "Run everything N times (1-" + Bench.MAX_REPEAT + ") and report each figure's median; default ${DEFAULT-VALUE}.")
  int repeat;

  @Option(names = "--json", description = "Print the report as JSON (a stable contract for scripts).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Bench.Options options = new Bench.Options(redis, scenarios, Size.parse(size), repeat);
    ObjectNode report = Bench.run(options, System.err);
    if (json) {
      System.out.println(Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      Table.print(report, System.out);
    }
    return Main.OK;
  }

  /** The scenario names, for --help. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Bench.SCENARIOS.iterator();
    }
  }
}
