package dev.ferry.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Prometheus text exposition back: for checks and tools that scrape Ferry (its own tests,
 * a smoke check in a deploy pipeline). Not a full parser: one sample per line, no timestamps.
 */
public final class Exposition {
  private Exposition() {}

  /** Every sample as {@code name{labels}} (exactly as exposed) to its value. */
  public static Map<String, Double> parse(String text) {
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
  public static double sum(Map<String, Double> series, String name, String... labels) {
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
