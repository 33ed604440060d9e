package dev.ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds the reports of repeated runs into one of the same shape: every number becomes its median
 * across the runs (of an even count, the lower middle one, as {@link Stats#median}: always a value
 * some run measured), objects and arrays are folded field by field and element by element, and
 * anything else (text, flags) is taken from the first run that has it. A figure some runs lack is
 * folded over the runs that have it.
 */
final class Medians {
  private Medians() {}

  static JsonNode of(List<? extends JsonNode> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to fold");
    }
    JsonNode first = runs.get(0);
    if (first.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      runs.forEach(r -> r.fieldNames().forEachRemaining(names::add));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (String name : names) {
        List<JsonNode> values = present(runs, r -> r.get(name));
        out.set(name, values.isEmpty() ? JsonNodeFactory.instance.nullNode() : of(values));
      }
      return out;
    }
    if (first.isArray()) {
      int size = runs.stream().mapToInt(JsonNode::size).max().orElse(0);
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < size; i++) {
        int at = i;
        out.add(of(present(runs, r -> r.get(at))));
      }
      return out;
    }
    if (first.isNumber()) {
      double[] values = runs.stream().filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).toArray();
      return number(Stats.median(values), first.isIntegralNumber());
    }
    return first;
  }

  private static JsonNode number(double value, boolean integral) {
    if (integral && value == Math.rint(value)) {
      return JsonNodeFactory.instance.numberNode((long) value);
    }
    return JsonNodeFactory.instance.numberNode(Stats.round(value, 3));
  }

  private static List<JsonNode> present(List<? extends JsonNode> runs, Function<JsonNode, JsonNode> part) {
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
