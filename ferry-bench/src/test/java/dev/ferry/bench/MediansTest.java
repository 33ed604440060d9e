package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> runs(String... json) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String j : json) {
      out.add(JSON.readTree(j));
    }
    return out;
  }

  @Test
  void everyNumberBecomesItsMedianAtEveryDepth() throws Exception {
    JsonNode folded = Medians.of(runs(
        "{\"process\":[{\"concurrency\":1,\"jobsPerSecond\":100.5}],\"latency\":{\"pickupMs\":{\"p99\":9.0}}}",
        "{\"process\":[{\"concurrency\":1,\"jobsPerSecond\":300.5}],\"latency\":{\"pickupMs\":{\"p99\":1.0}}}",
        "{\"process\":[{\"concurrency\":1,\"jobsPerSecond\":200.5}],\"latency\":{\"pickupMs\":{\"p99\":4.0}}}"));
    assertThat(folded.at("/process/0/jobsPerSecond").asDouble()).isEqualTo(200.5);
    assertThat(folded.at("/process/0/concurrency").isIntegralNumber()).isTrue();
    assertThat(folded.at("/process/0/concurrency").asInt()).isEqualTo(1);
    assertThat(folded.at("/latency/pickupMs/p99").asDouble()).isEqualTo(4.0);
  }

  @Test
  void anEvenCountTakesTheLowerMiddleValueSoEveryFigureWasMeasured() throws Exception {
    JsonNode folded = Medians.of(runs("{\"x\":1,\"y\":10.5}", "{\"x\":4,\"y\":20.5}", "{\"x\":2,\"y\":30.5}", "{\"x\":100,\"y\":40.5}"));
    assertThat(folded.get("x").isIntegralNumber()).isTrue();
    assertThat(folded.get("x").asLong()).isEqualTo(2);
    assertThat(folded.get("y").asDouble()).isEqualTo(20.5);
    assertThat(Stats.median(new double[] {5})).isEqualTo(5);
  }

  @Test
  void textComesFromTheFirstRunAndAFigureSomeRunsLackFoldsOverTheOthers() throws Exception {
    JsonNode folded = Medians.of(runs(
        "{\"size\":\"full\",\"memory\":{\"bytesPerJob\":700,\"encoding\":\"hashtable\"}}",
        "{\"size\":\"full\",\"memory\":{\"bytesPerJob\":720}}",
        "{\"size\":\"full\"}"));
    assertThat(folded.get("size").asText()).isEqualTo("full");
    assertThat(folded.at("/memory/encoding").asText()).isEqualTo("hashtable");
    assertThat(folded.at("/memory/bytesPerJob").asDouble()).isEqualTo(700.0);
  }

  @Test
  void aFigureTheFirstRunLacksIsStillFolded() throws Exception {
    JsonNode folded = Medians.of(runs("{\"a\":1,\"rows\":[1]}", "{\"a\":3,\"b\":5,\"rows\":[3,8]}", "{\"a\":2,\"b\":7,\"rows\":[2,9]}"));
    assertThat(folded.get("a").asInt()).isEqualTo(2);
    assertThat(folded.get("b").asInt()).isEqualTo(5);
    assertThat(folded.get("rows")).hasSize(2);
    assertThat(folded.at("/rows/1").asInt()).isEqualTo(8);
  }

  @Test
  void nothingToFoldIsRefused() {
    assertThatThrownBy(() -> Medians.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
