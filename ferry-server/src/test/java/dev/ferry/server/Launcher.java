package dev.ferry.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code bin/ferry} launcher as a real child process, as a user would. */
final class Launcher {
  /** What one finished run printed and returned. */
  record Run(int exit, String out, String err) {}

  private Launcher() {}

  static Path home() {
    String home = System.getProperty("ferry.home");
    Path p = Path.of(home == null ? ".." : home).toAbsolutePath().normalize();
    if (!Files.isExecutable(p.resolve("bin/ferry"))) {
      throw new IllegalStateException("bin/ferry not found under " + p);
    }
    return p;
  }

  static ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(home().resolve("bin/ferry").toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("FERRY_REDIS");
    return pb;
  }

  /** Runs {@code ferry args...} to completion (at most 60 s). */
  static Run run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("ferry-out", ".txt");
    Path err = Files.createTempFile("ferry-err", ".txt");
    try {
      Process p = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("ferry " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Starts {@code ferry args...} in the background, its output going to {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    return command(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
