package dev.ferry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void plainLinesCountDoneOfTotal() {
    assertThat(Progress.line("requeued", 3000, 10_000)).isEqualTo("requeued 3000/10000");
  }

  @Test
  void totalGrowsWhenMoreWereDoneThanCountedAtTheStart() {
    assertThat(Progress.line("purged", 1200, 1000)).isEqualTo("purged 1200/1200");
    assertThat(Progress.bar("purged", 1200, 1000)).endsWith("] 1200/1200 100%");
  }

  @Test
  void barFillsInProportion() {
    assertThat(Progress.bar("requeued", 3000, 10_000))
        .isEqualTo("requeued [#########---------------------] 3000/10000  30%");
    assertThat(Progress.bar("requeued", 0, 0)).isEqualTo("requeued [" + "#".repeat(30) + "] 0/0 100%");
  }

  @Test
  void withoutTerminalPrintsOneLinePerUpdate() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "requeued", false);
    p.update(1000, 2500);
    p.update(2000, 2500);
    p.update(2500, 2500);
    p.finish();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("requeued 1000/2500\nrequeued 2000/2500\nrequeued 2500/2500\n");
  }

  @Test
  void onATerminalRedrawsInPlaceAndEndsTheLineWhenFinished() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "purged", true);
    p.update(500, 1000);
    p.update(1000, 1000);
    p.finish();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\rpurged [###############---------------] 500/1000  50%")
        .contains("\rpurged [" + "#".repeat(30) + "] 1000/1000 100%")
        .endsWith("\n")
        .doesNotContain("500/1000  50%\n");
  }
}
