package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every scenario at the small size against a private redis-server and checks that the report
 * keeps its JSON contract and that the numbers in it are real measurements (jobs counted, rates
 * positive), not that they are fast: speed is the harness's output, never a test's assertion.
 */
class BenchSmokeTest {
  private static ObjectNode report;
  private static String progress;

  @BeforeAll
  static void runEveryScenarioSmall() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    report = Bench.run(new Bench.Options(null, List.of(), Size.SMALL), new PrintStream(err, true, StandardCharsets.UTF_8));
    progress = err.toString(StandardCharsets.UTF_8);
    System.err.print(progress); // the per-scenario timings, kept in the test report
  }

  @Test
  void everyScenarioRanAndSaidSo() {
    for (String s : Bench.SCENARIOS) {
      assertThat(report.has(s)).as(s).isTrue();
      assertThat(progress).contains("running " + s);
    }
    assertThat(report.get("machine").get("cores").asInt()).isPositive();
  }

  @Test
  void theJsonContractFieldsArePresentAndMeasured() {
    JsonNode process = report.get("process");
    assertThat(process).hasSizeGreaterThanOrEqualTo(5);
    for (JsonNode row : process) {
      assertThat(row.get("concurrency").asInt()).isPositive();
      assertThat(row.get("jobs").asLong()).as("every pre-enqueued job was completed").isEqualTo(Size.SMALL.processJobs);
      assertThat(row.get("jobsPerSecond").asDouble()).isPositive();
      assertThat(row.get("redisCommandsPerJob").asDouble()).isPositive();
    }
    assertThat(process).extracting(r -> r.get("concurrency").asInt()).startsWith(1, 10, 50, 100, 200);
    assertThat(report.at("/enqueue/bulkJobsPerSecond").asDouble()).isPositive();
    assertThat(report.at("/enqueue/singleJobsPerSecond").asDouble()).isPositive();
    assertThat(report.at("/enqueue/single8ThreadsEventLog/jobsPerSecond").asDouble()).isPositive();
    assertThat(report.at("/latency/pickupMs/p50").isNumber()).isTrue();
    assertThat(report.at("/latency/pickupMs/p99").asDouble()).isGreaterThanOrEqualTo(report.at("/latency/pickupMs/p50").asDouble());
    assertThat(report.at("/latency/floorMs/p50").asDouble()).isPositive();
    assertThat(report.at("/latency/queueFloorMs/p50").asDouble()).isPositive();
    assertThat(report.at("/latency/queueFloorMs/p99").asDouble())
        .isGreaterThanOrEqualTo(report.at("/latency/queueFloorMs/p50").asDouble());
    assertThat(report.at("/ceiling/pairsPerSecond").asDouble()).isPositive();
    assertThat(report.at("/ceiling/ferryPercentOfCeiling").asDouble()).isPositive();
    assertThat(report.at("/mixed/jobsPerSecond").asDouble()).isPositive();
    assertThat(report.at("/memory/bytesPerJob").asDouble()).isPositive();
    long values = report.at("/memory/valueBytes").asLong();
    assertThat(values).as("payload, field values and id").isGreaterThan(MemoryScenario.PAYLOAD_BYTES + 26);
    assertThat(report.at("/memory/recordBytes").asLong()).isGreaterThan(values);
    assertThat(report.at("/memory/storedBytes").asLong()).isGreaterThan(MemoryScenario.PAYLOAD_BYTES);
    assertThat(report.at("/scale/large/storedJobs").asLong()).isEqualTo(Size.SMALL.scaleLarge);
  }

  @Test
  void theTablePrintsEveryScenario() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Table.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table).contains("enqueue", "process", "latency", "mixed", "scale", "memory", "ceiling", "with event log",
        "bare LPUSH/BRPOP pickup");
  }

  @Test
  void anUnknownScenarioOrSizeIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> new Bench.Options(null, List.of(), Size.SMALL, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--repeat must be between 1 and 20, got 0");
    assertThatThrownBy(() -> new Bench.Options(null, List.of(), Size.SMALL, Bench.MAX_REPEAT + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 21");
    assertThat(new Bench.Options(null, List.of(), Size.SMALL, Bench.MAX_REPEAT).repeat()).isEqualTo(20);
    assertThatThrownBy(() -> new Bench.Options(null, List.of("warp"), Size.SMALL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown scenario 'warp'")
        .hasMessageContaining("enqueue");
    assertThatThrownBy(() -> Size.parse("huge")).hasMessageContaining("small or full");
  }
}
