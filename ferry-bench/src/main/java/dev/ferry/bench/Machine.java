package dev.ferry.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the figures were measured: cores, CPU model, JVM and Redis version. */
final class Machine {
  private Machine() {}

  static ObjectNode describe(BenchContext ctx) {
    ObjectNode m = BenchContext.object();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", cpuModel());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    String server = RedisMeter.fields(ctx.meter().redis().info("server")).getOrDefault("redis_version", "?");
    m.put("redis", server);
    m.put("redisUri", ctx.uri().replaceAll("//[^@/]*@", "//***@"));
    return m;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (Exception e) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }
}
