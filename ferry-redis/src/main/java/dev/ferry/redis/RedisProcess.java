package dev.ferry.redis;

import dev.ferry.FerryException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a private {@code redis-server} child process on a free loopback port, for tests and
 * benchmarks; no test ever depends on a Redis someone else left running.
 *
 * <p>{@code try (RedisProcess redis = RedisProcess.start()) { … redis.uri() … }}. The server keeps
 * its files in a temporary directory that {@link #close()} deletes; with AOF on,
 * {@link #restart()} brings it back on the same port with its data, to test recovery.
 */
public final class RedisProcess implements AutoCloseable {
  private static final String BINARY = "redis-server";

  private final int port;
  private final Path dir;
  private final boolean appendOnly;
  private final String password;
  private volatile Process process;
  /** Kills the server if the JVM exits without {@link #close()} (a killed test fork, say). */
  private final Thread reaper = new Thread(this::destroyNow, "redis-process-reaper");

  private RedisProcess(boolean appendOnly, String password) {
    this.port = freePort();
    this.appendOnly = appendOnly;
    this.password = password;
    try {
      this.dir = Files.createTempDirectory("ferry-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for redis-server", e);
    }
  }

  /** Starts a server without persistence. */
  public static RedisProcess start() {
    return start(false, null);
  }

  /** Starts a server with the append-only file on, so {@link #restart()} keeps the data. */
  public static RedisProcess startWithAof() {
    return start(true, null);
  }

  /**
   * Starts a server.
   *
   * @param appendOnly whether to persist with the append-only file (fsync every second)
   * @param password the {@code requirepass} of the default user, or null for none
   */
  public static RedisProcess start(boolean appendOnly, String password) {
    RedisProcess p = new RedisProcess(appendOnly, password);
    Runtime.getRuntime().addShutdownHook(p.reaper);
    try {
      p.launch();
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    return p;
  }

  /** The URI to connect to, with the password when one is required. */
  public String uri() {
    return password == null
        ? "redis://127.0.0.1:" + port
        : "redis://:" + password + "@127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Whether the server process is running. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the server (SHUTDOWN NOSAVE, then kill if it lingers). Its files stay. */
  public void stop() {
    if (process == null) {
      return;
    }
    try {
      command("SHUTDOWN", "NOSAVE");
    } catch (IOException e) {
      // not answering: destroy below
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    process = null;
  }

  /** Stops and starts the server on the same port and directory (AOF data is recovered). */
  public void restart() {
    stop();
    launch();
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook runs anyway
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // best effort: a leftover temp directory is harmless
    }
  }

  private void destroyNow() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private void launch() {
    List<String> cmd = new ArrayList<>(List.of(
        BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", appendOnly ? "yes" : "no", "--dir", dir.toString(), "--daemonize", "no"));
    if (password != null) {
      cmd.addAll(List.of("--requirepass", password));
    }
    try {
      process = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile())
          .start();
    } catch (IOException e) {
      throw new FerryException(
          BINARY + " not found on PATH: install Redis 7 (Debian: apt-get install redis-server)", e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new FerryException("redis-server exited at start; see " + dir.resolve("redis.log"));
      }
      try {
        String reply = command("PING");
        if (reply.startsWith("+PONG") || reply.startsWith("-NOAUTH")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FerryException("interrupted while waiting for redis-server to start", e);
      }
    }
    throw new FerryException("redis-server did not answer PING on port " + port + " within 20 s");
  }

  /** Sends one inline command (after AUTH when needed) and returns the first reply line. */
  private String command(String... words) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      if (password != null) {
        out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
        in.readLine();
      }
      out.write((String.join(" ", words) + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String line = in.readLine();
      return line == null ? "" : line;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port for redis-server", e);
    }
  }
}
