package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Folds the reports of repeated runs into one of the same shape: every number becomes its median
 * across the runs, objects and arrays are folded field by field and element by element, and
 * anything else (text, flags) is taken from the first run. A figure a run lacks is folded over the
 * runs that have it.
 */
final class Medians {
  private Medians() {}

  static JsonNode of(List<? extends JsonNode> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to fold");
    }
    JsonNode first = runs.get(0);
    if (first.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<String> names = first.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        JsonNode value = first.get(name);
        out.set(name, value.isNull() ? value : of(present(runs, r -> r.get(name))));
      }
      return out;
    }
    if (first.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < first.size(); i++) {
        int at = i;
        out.add(of(present(runs, r -> r.get(at))));
      }
      return out;
    }
    if (first.isNumber()) {
      double[] values = runs.stream().filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).toArray();
      return number(median(values), first.isIntegralNumber());
    }
    return first;
  }

  /** The median; of an even count, the mean of the middle two. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static JsonNode number(double value, boolean integral) {
    if (integral && value == Math.rint(value)) {
      return JsonNodeFactory.instance.numberNode((long) value);
    }
    return JsonNodeFactory.instance.numberNode(Stats.round(value, 3));
  }

  private static List<JsonNode> present(List<? extends JsonNode> runs, java.util.function.Function<JsonNode, JsonNode> part) {
    List<JsonNode> out = new ArrayList<>(runs.size());
    for (JsonNode r : runs) {
      JsonNode p = part.apply(r);
      if (p != null && !p.isNull()) {
        out.add(p);
      }
    }
    return out;
  }
}
