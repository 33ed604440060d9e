package dev.ferry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsTextLeftAndNumbersRightTwoSpacesApart() {
    String out = new Table("QUEUE", "PENDING", "STATUS")
        .row("default", 12, "running")
        .row("critical-long", 3, "paused")
        .render();
    assertThat(out).isEqualTo(
        "QUEUE          PENDING  STATUS\n"
            + "default             12  running\n"
            + "critical-long        3  paused\n");
  }

  @Test
  void emptyTablePrintsOnlyTheHeaderLeftAligned() {
    assertThat(new Table("ID", "ATTEMPT").render()).isEqualTo("ID  ATTEMPT\n");
  }

  @Test
  void nullCellsAreEmptyAndLinesHaveNoTrailingBlanks() {
    String out = new Table("ID", "ERROR").row("a", null).row("bb", "boom").render();
    assertThat(out).isEqualTo("ID  ERROR\na\nbb  boom\n");
  }

  @Test
  void columnWithAnyTextIsLeftAligned() {
    String out = new Table("N").row(5).row("1/3").render();
    assertThat(out).isEqualTo("N\n5\n1/3\n");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> new Table("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells").hasMessageContaining("2 columns");
  }

  @Test
  void clipKeepsTheFirstLineAndCutsWithAnEllipsis() {
    assertThat(Table.clip("boom\n\tat Foo.bar", 60)).isEqualTo("boom");
    assertThat(Table.clip("abcdefghij", 5)).isEqualTo("abcd…");
    assertThat(Table.clip("abcde", 5)).isEqualTo("abcde");
    assertThat(Table.clip(null, 5)).isEmpty();
  }
}
