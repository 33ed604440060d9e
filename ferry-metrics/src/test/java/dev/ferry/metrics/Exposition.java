package dev.ferry.metrics;

import java.util.Map;
import java.util.TreeMap;

/** Parses the Prometheus text exposition into "name{labels}" -> value (tests only). */
final class Exposition {
  private Exposition() {}

  static Map<String, Double> parse(String text) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }

  /** The sum of every series of {@code name} whose labels contain all of {@code labels}. */
  static double sum(Map<String, Double> series, String name, String... labels) {
    double total = 0;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      String key = e.getKey();
      String metric = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
      if (!metric.equals(name)) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= key.contains(l);
      }
      if (all) {
        total += e.getValue();
      }
    }
    return total;
  }
}
