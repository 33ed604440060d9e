package dev.ferry.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A sorted set of job ids by score (ms), the in-memory twin of a Redis ZSET. Not thread-safe. */
final class ScoredSet {
  private record Entry(long score, String id) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(score, o.score);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private final TreeSet<Entry> byScore = new TreeSet<>();
  private final Map<String, Long> scores = new HashMap<>();

  void add(String id, long score) {
    remove(id);
    scores.put(id, score);
    byScore.add(new Entry(score, id));
  }

  boolean remove(String id) {
    Long old = scores.remove(id);
    if (old == null) {
      return false;
    }
    byScore.remove(new Entry(old, id));
    return true;
  }

  boolean contains(String id) {
    return scores.containsKey(id);
  }

  int size() {
    return scores.size();
  }

  /** Ids with score at most {@code max}, lowest first, at most {@code limit}. */
  List<String> upTo(long max, int limit) {
    List<String> out = new ArrayList<>();
    for (Entry e : byScore) {
      if (e.score > max || out.size() >= limit) {
        break;
      }
      out.add(e.id);
    }
    return out;
  }

  /** Ids from rank {@code offset}, lowest score first, at most {@code limit}. */
  List<String> range(long offset, int limit) {
    List<String> out = new ArrayList<>();
    long i = 0;
    for (Entry e : byScore) {
      if (out.size() >= limit) {
        break;
      }
      if (i++ >= offset) {
        out.add(e.id);
      }
    }
    return out;
  }

  /** The lowest score, or -1 when empty. */
  long firstScore() {
    return byScore.isEmpty() ? -1 : byScore.first().score;
  }
}
