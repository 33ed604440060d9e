package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** Prints a bench report as plain-text tables, one per scenario that ran. */
public final class Table {
  private Table() {}

  public static void print(JsonNode r, PrintStream out) {
    JsonNode m = r.get("machine");
    out.printf("ferry bench (%s%s) — %d cores, %s, %s, Redis %s%n%n",
        r.path("size").asText(), r.has("repeat") ? ", median of " + r.get("repeat").asInt() + " rounds" : "", m.get("cores").asInt(), m.get("cpu").asText(), m.get("java").asText(), m.get("redis").asText());
    if (r.has("enqueue")) {
      JsonNode e = r.get("enqueue");
      out.println("enqueue                       jobs/s   cmds/job  Redis CPU");
      line(out, "  single, 1 thread", e.get("single1Thread"));
      line(out, "  single, 8 threads", e.get("single8Threads"));
      if (e.has("single8ThreadsEventLog")) {
        line(out, "    with event log", e.get("single8ThreadsEventLog"));
      }
      line(out, "  bulk, batches of 1,000", e.get("bulk"));
      out.println();
    }
    if (r.has("process")) {
      out.println("process (one worker)  concurrency   jobs/s   cmds/job  EVALSHA/job  JVM CPU  Redis CPU");
      for (JsonNode p : r.get("process")) {
        out.printf("  %-14s%12d", p.path("eventLog").asBoolean() ? "with event log" : "", p.get("concurrency").asInt());
        out.printf(" %8.0f %10.2f %12.3f %8.2f %10.2f%n", p.get("jobsPerSecond").asDouble(),
            p.get("redisCommandsPerJob").asDouble(), p.get("scriptCallsPerJob").asDouble(),
            p.get("processCpuCores").asDouble(), p.get("redisCpuCores").asDouble());
      }
      out.println();
    }
    if (r.has("latency")) {
      out.println("latency (ms)            pickup p50    p95    p99    max | end-to-end p50    p95    p99    max");
      for (String rate : new String[] {"at1000", "at5000"}) {
        JsonNode l = r.get("latency").get(rate);
        if (l != null) {
          JsonNode p = l.get("pickupMs");
          JsonNode e = l.get("endToEndMs");
          out.printf("  %,6d jobs/s        %7.2f %6.2f %6.2f %6.1f |          %7.2f %6.2f %6.2f %6.1f%n",
              l.get("ratePerSecond").asInt(), p.get("p50").asDouble(), p.get("p95").asDouble(), p.get("p99").asDouble(),
              p.get("max").asDouble(), e.get("p50").asDouble(), e.get("p95").asDouble(), e.get("p99").asDouble(),
              e.get("max").asDouble());
        }
      }
      JsonNode f = r.get("latency").get("floorMs");
      if (f != null) {
        out.printf("  floor: PING round trip at 1,000/s  p50 %.2f  p95 %.2f  p99 %.2f  max %.1f%n",
            f.get("p50").asDouble(), f.get("p95").asDouble(), f.get("p99").asDouble(), f.get("max").asDouble());
      }
      JsonNode q = r.get("latency").get("queueFloorMs");
      if (q != null) {
        out.printf("  floor: bare LPUSH/BRPOP pickup     p50 %.2f  p95 %.2f  p99 %.2f  max %.1f%n",
            q.get("p50").asDouble(), q.get("p95").asDouble(), q.get("p99").asDouble(), q.get("max").asDouble());
      }
      out.println();
    }
    if (r.has("mixed")) {
      JsonNode x = r.get("mixed");
      out.printf("mixed (10%% fail once)  %8.0f jobs/s, %.2f cmds/job%n%n", x.get("jobsPerSecond").asDouble(),
          x.get("redisCommandsPerJob").asDouble());
    }
    if (r.has("scale")) {
      JsonNode s = r.get("scale");
      out.println("scale (ms, median)     stored     stats  dead page  pending page");
      for (String k : new String[] {"small", "large"}) {
        JsonNode row = s.get(k);
        out.printf("  %26d %9.3f %10.3f %13.3f%n", row.get("storedJobs").asLong(), row.get("statsMs").asDouble(),
            row.get("deadPageMs").asDouble(), row.get("pendingPageMs").asDouble());
      }
      out.println();
    }
    if (r.has("memory")) {
      JsonNode x = r.get("memory");
      out.printf("memory                 %.0f bytes per pending job: %.2fx its record (%d bytes, %d-byte payload, field names"
              + " and values, id); %.2fx its values alone (%d bytes); packed %d bytes in a %s%n%n",
          x.get("bytesPerJob").asDouble(), x.get("overRecord").asDouble(), x.get("recordBytes").asLong(),
          x.get("payloadBytes").asInt(), x.get("overValues").asDouble(), x.get("valueBytes").asLong(),
          x.get("storedBytes").asLong(), x.get("encoding").asText());
    }
    if (r.has("ceiling")) {
      JsonNode c = r.get("ceiling");
      out.printf("ceiling                %,.0f LPUSH+RPOP pairs/s%s%n", c.get("pairsPerSecond").asDouble(),
          c.has("ferryPercentOfCeiling") ? String.format("; Ferry processing at %.1f%% of it", c.get("ferryPercentOfCeiling").asDouble()) : "");
    }
  }

  private static void line(PrintStream out, String label, JsonNode row) {
    out.printf("%-26s %9.0f %10.2f %10.2f%n", label, row.get("jobsPerSecond").asDouble(),
        row.get("redisCommandsPerJob").asDouble(), row.get("redisCpuCores").asDouble());
  }
}
