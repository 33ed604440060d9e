package dev.ferry.server.cli;

import java.io.PrintStream;

/**
 * Shows how far a bulk operation has come: on a terminal a bar redrawn in place with {@code \r},
 * elsewhere (a pipe, a log file) one plain line per step, such as {@code requeued 3000/10000}.
 */
public final class Progress {
  static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final String verb;
  private final boolean terminal;
  private boolean drawn;

  /**
   * @param out where to print
   * @param verb the past-tense verb of the operation, e.g. {@code requeued}
   * @param terminal whether {@code out} is a terminal (redraw in place) or not (plain lines)
   */
  public Progress(PrintStream out, String verb, boolean terminal) {
    this.out = out;
    this.verb = verb;
    this.terminal = terminal;
  }

  /** A progress for standard output, drawn as a bar when there is a console. */
  public static Progress onStdout(String verb) {
    return new Progress(System.out, verb, System.console() != null);
  }

  /** Progress nobody watches (a bulk operation run by the HTTP API). */
  public static Progress silent() {
    return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), "", false);
  }

  /** Reports that {@code done} of {@code total} are done (total grows to done if jobs arrived meanwhile). */
  public void update(long done, long total) {
    if (terminal) {
      out.print('\r' + bar(verb, done, total));
      drawn = true;
    } else {
      out.println(line(verb, done, total));
    }
    out.flush();
  }

  /** Ends the bar's line on a terminal, so what follows starts on a fresh line. */
  public void finish() {
    if (drawn) {
      out.println();
      drawn = false;
    }
  }

  /** The plain line: {@code requeued 3000/10000}. */
  static String line(String verb, long done, long total) {
    return verb + " " + done + "/" + Math.max(done, total);
  }

  /** The bar: {@code requeued [#########---------------------] 3000/10000  30%}. */
  static String bar(String verb, long done, long total) {
    long t = Math.max(done, total);
    int percent = t == 0 ? 100 : (int) (done * 100 / t);
    int filled = t == 0 ? BAR_WIDTH : (int) (done * BAR_WIDTH / t);
    return verb + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + done + "/" + t
        + " " + String.format("%3d%%", percent);
  }
}
