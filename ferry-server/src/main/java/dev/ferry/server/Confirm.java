package dev.ferry.server;

import dev.ferry.FerryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asks the operator to confirm a destructive command on the terminal. */
final class Confirm {
  private Confirm() {}

  /** True only if the operator types y or yes; false without a terminal to ask on. */
  static boolean ask(String question) {
    if (System.console() == null) {
      return false;
    }
    System.err.print(question + " [y/N] ");
    try {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Goes on only when {@code yes} was passed or the operator confirms on the terminal.
   *
   * @throws IllegalArgumentException (exit 2) without --yes and without a terminal to ask on
   * @throws FerryException (exit 1) when the operator answers no
   */
  static void require(boolean yes, String question) {
    if (yes) {
      return;
    }
    if (System.console() == null) {
      throw new IllegalArgumentException(
          "refusing without confirmation: no terminal to ask on; pass --yes to confirm (nothing changed)");
    }
    if (!ask(question)) {
      throw new FerryException("not confirmed; nothing changed");
    }
  }
}
