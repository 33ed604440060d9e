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
   * Refuses at once (before anything is read or written) when {@code yes} is false and there is no
   * terminal to ask on.
   *
   * @param action what would be done, e.g. {@code purge the dead jobs of queue q}
   * @throws IllegalArgumentException (exit 2) without --yes and without a terminal
   */
  static void refuseWithoutTerminal(boolean yes, String action) {
    if (!yes && System.console() == null) {
      throw new IllegalArgumentException(
          "refusing to " + action + " without confirmation: there is no terminal to ask on; pass --yes (nothing changed)");
    }
  }

  /**
   * Goes on only when {@code yes} was passed or the operator confirms {@code question} on the
   * terminal; call {@link #refuseWithoutTerminal} first.
   *
   * @throws FerryException (exit 1) when the operator answers anything but y or yes
   */
  static void require(boolean yes, String action, String question) {
    refuseWithoutTerminal(yes, action);
    if (!yes && !ask(question)) {
      throw new FerryException("not confirmed; nothing changed");
    }
  }
}
