package dev.ferry.server.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders rows as an aligned plain-text table for people: a header, columns two spaces apart,
 * numeric columns right-aligned, no trailing blanks.
 *
 * <pre>{@code
 * Table t = new Table("QUEUE", "PENDING");
 * t.row("default", 12);
 * System.out.print(t.render());
 * }</pre>
 */
public final class Table {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final String GAP = "  ";

  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  /** A table with these column headers. */
  public Table(String... header) {
    if (header.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.header = header.clone();
  }

  /** Adds a row; {@code null} cells print as empty, others with {@code String.valueOf}. */
  public Table row(Object... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table has " + header.length + " columns");
    }
    rows.add(Arrays.stream(cells).map(c -> c == null ? "" : String.valueOf(c)).toArray(String[]::new));
    return this;
  }

  /** How many rows were added (the header not counted). */
  public int size() {
    return rows.size();
  }

  /** The table as lines, each ending in a newline. */
  public String render() {
    int[] width = new int[header.length];
    boolean[] right = new boolean[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      right[c] = !rows.isEmpty();
      for (String[] r : rows) {
        width[c] = Math.max(width[c], r[c].length());
        right[c] &= r[c].isEmpty() || NUMBER.matcher(r[c]).matches();
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width, right);
    for (String[] r : rows) {
      line(out, r, width, right);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width, boolean[] right) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) {
        b.append(GAP);
      }
      String pad = " ".repeat(width[c] - cells[c].length());
      b.append(right[c] ? pad + cells[c] : cells[c] + pad);
    }
    out.append(b.toString().stripTrailing()).append('\n');
  }

  /** The first line of {@code text}, cut to {@code max} characters with an ellipsis; null stays empty. */
  public static String clip(String text, int max) {
    if (text == null) {
      return "";
    }
    String first = text.lines().findFirst().orElse("");
    return first.length() <= max ? first : first.substring(0, Math.max(0, max - 1)) + "…";
  }
}
