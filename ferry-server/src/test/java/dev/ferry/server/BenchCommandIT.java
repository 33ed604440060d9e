package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.internal.Json;
import org.junit.jupiter.api.Test;

/** {@code ferry bench} through the launcher: the JSON contract and bad input. */
class BenchCommandIT {
  @Test
  void printsTheJsonReportOfTheChosenScenarios() throws Exception {
    Launcher.Run run = Launcher.run("bench", "--size", "small", "--scenario", "memory,ceiling", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(report.at("/ceiling/pairsPerSecond").asDouble()).isPositive();
    assertThat(report.at("/memory/bytesPerJob").asDouble()).isPositive();
    assertThat(report.has("process")).isFalse();
    assertThat(run.err()).contains("running memory", "running ceiling");
  }

  @Test
  void anUnknownScenarioOrSizeIsAUsageError() throws Exception {
    Launcher.Run warp = Launcher.run("bench", "--scenario", "warp");
    assertThat(warp.exit()).isEqualTo(Main.USAGE);
    assertThat(warp.err()).contains("unknown scenario 'warp'");
    Launcher.Run huge = Launcher.run("bench", "--size", "huge");
    assertThat(huge.exit()).isEqualTo(Main.USAGE);
    assertThat(huge.err()).contains("--size must be small or full");
  }
}
