package dev.ferry.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders a worker's queues for each claim: strictly by weight (higher first, always), or in a
 * weighted random order, so a queue of weight 6 is tried first six times as often as one of
 * weight 1 and no queue starves.
 */
public final class QueueSelector {
  private final List<String> names;
  private final int[] weights;
  private final boolean strict;
  private final List<String> strictOrder;

  public QueueSelector(Map<String, Integer> queueWeights, boolean strict) {
    this.names = new ArrayList<>(queueWeights.keySet());
    this.weights = names.stream().mapToInt(queueWeights::get).toArray();
    this.strict = strict;
    Map<String, Integer> copy = new LinkedHashMap<>(queueWeights);
    this.strictOrder =
        copy.entrySet().stream()
            .sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
            .map(Map.Entry::getKey)
            .toList();
  }

  /** Every queue, in the order this claim should take from them. */
  public List<String> order() {
    if (strict || names.size() == 1) {
      return strictOrder;
    }
    List<String> out = new ArrayList<>(names.size());
    boolean[] taken = new boolean[names.size()];
    long remaining = 0;
    for (int w : weights) {
      remaining += w;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (out.size() < names.size()) {
      long pick = random.nextLong(remaining);
      for (int i = 0; i < names.size(); i++) {
        if (taken[i]) {
          continue;
        }
        pick -= weights[i];
        if (pick < 0) {
          taken[i] = true;
          remaining -= weights[i];
          out.add(names.get(i));
          break;
        }
      }
    }
    return out;
  }

  public List<String> queues() {
    return List.copyOf(names);
  }
}
