package dev.ferry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "requeued", false);

  /** A fake dead set of {@code size} jobs that records each batch size asked for. */
  private static final class DeadSet {
    long left;
    final List<Integer> asked = new ArrayList<>();

    DeadSet(long size) {
      left = size;
    }

    long take(int max) {
      asked.add(max);
      long n = Math.min(max, left);
      left -= n;
      return n;
    }
  }

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void movesEverythingInBatchesOfAThousandWithALinePerBatch() {
    DeadSet dead = new DeadSet(2500);
    assertThat(Bulk.drain(2500, progress, dead::take)).isEqualTo(2500);
    assertThat(dead.left).isZero();
    assertThat(dead.asked).containsExactly(1000, 1000, 1000);
    assertThat(out()).isEqualTo("requeued 1000/2500\nrequeued 2000/2500\nrequeued 2500/2500\n");
  }

  @Test
  void anExactMultipleEndsWithAnEmptyCallButNoRepeatedLine() {
    DeadSet dead = new DeadSet(2000);
    assertThat(Bulk.drain(2000, progress, dead::take)).isEqualTo(2000);
    assertThat(dead.asked).hasSize(3);
    assertThat(out()).isEqualTo("requeued 1000/2000\nrequeued 2000/2000\n");
  }

  @Test
  void nothingToMoveStillSaysSo() {
    assertThat(Bulk.drain(0, progress, new DeadSet(0)::take)).isZero();
    assertThat(out()).isEqualTo("requeued 0/0\n");
  }

  @Test
  void jobsThatArriveMeanwhileAreMovedAndCounted() {
    DeadSet dead = new DeadSet(1500); // 1500 by the time it runs, though 1200 were counted
    assertThat(Bulk.drain(1200, progress, dead::take)).isEqualTo(1500);
    assertThat(out()).isEqualTo("requeued 1000/1200\nrequeued 1500/1500\n");
  }
}
