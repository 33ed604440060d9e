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
  void repeatedRoundsReportEachFiguresMedianBesideEveryRound() throws Exception {
    Launcher.Run run = Launcher.run("bench", "--size", "small", "--scenario", "ceiling", "--repeat", "3", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(report.get("repeat").asInt()).isEqualTo(3);
    assertThat(report.get("runs")).hasSize(3);
    // The ceiling's rate differs from round to round, so only the median of the three matches.
    double[] perRound = new double[3];
    for (int i = 0; i < 3; i++) {
      perRound[i] = report.get("runs").get(i).at("/ceiling/pairsPerSecond").asDouble();
    }
    java.util.Arrays.sort(perRound);
    assertThat(report.at("/ceiling/pairsPerSecond").asDouble()).isEqualTo(perRound[1]);
    assertThat(run.err()).contains("round 1 of 3", "round 3 of 3");
    Launcher.Run table = Launcher.run("bench", "--size", "small", "--scenario", "memory", "--repeat", "2");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("median of 2 rounds", "bytes per pending job");
  }

  @Test
  void anUnknownScenarioOrSizeIsAUsageError() throws Exception {
    Launcher.Run warp = Launcher.run("bench", "--scenario", "warp");
    assertThat(warp.exit()).isEqualTo(Main.USAGE);
    assertThat(warp.err()).contains("unknown scenario 'warp'");
    Launcher.Run huge = Launcher.run("bench", "--size", "huge");
    assertThat(huge.exit()).isEqualTo(Main.USAGE);
    assertThat(huge.err()).contains("--size must be small or full");
    Launcher.Run none = Launcher.run("bench", "--repeat", "0");
    assertThat(none.exit()).isEqualTo(Main.USAGE);
    assertThat(none.err()).contains("--repeat must be between 1 and 20, got 0");
    Launcher.Run word = Launcher.run("bench", "--repeat", "twice");
    assertThat(word.exit()).isEqualTo(Main.USAGE);
    assertThat(word.err()).contains("--repeat");
  }
}
