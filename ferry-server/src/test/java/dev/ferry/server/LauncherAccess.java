package dev.ferry.server;

import java.nio.file.Path;

/** Lets tests in sub-packages run the {@code ferry} launcher. */
public final class LauncherAccess {
  /** A finished run: exit code, stdout, stderr. */
  public record Result(int exit, String out, String err) {}

  private LauncherAccess() {}

  public static Process start(Path log, String... args) throws Exception {
    return Launcher.start(log, args);
  }

  public static Result run(String... args) throws Exception {
    Launcher.Run r = Launcher.run(args);
    return new Result(r.exit(), r.out(), r.err());
  }
}
