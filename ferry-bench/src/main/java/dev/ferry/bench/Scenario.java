package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** One benchmark scenario: runs bounded in jobs and time and reports its figures as JSON. */
interface Scenario {
  /** The name given to {@code --scenario}, and the scenario's key in the JSON report. */
  String name();

  JsonNode run(BenchContext ctx) throws Exception;
}
