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
    assertUsageError("unknown scenario 'warp'", "--scenario", "warp");
    assertUsageError("--size must be small or full", "--size", "huge");
    assertUsageError("--repeat must be between 1 and 20, got 0", "--repeat", "0");
    assertUsageError("--repeat", "--repeat", "twice");
  }

  private static void assertUsageError(String message, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "bench";
    System.arraycopy(args, 0, command, 1, args.length);
    Launcher.Run run = Launcher.run(command);
    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains(message);
  }
}
