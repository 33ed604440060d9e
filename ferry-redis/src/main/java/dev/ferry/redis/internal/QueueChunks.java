package dev.ferry.redis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Sends a batch of items that may span queues: groups them by queue (a script touches one queue,
 * so it stays legal on Redis Cluster), splits each group into chunks, and issues one call per
 * chunk, all pipelined. The caller awaits the replies and maps them back by the chunks' indices.
 */
final class QueueChunks {
  private final List<List<Integer>> chunks = new ArrayList<>();
  private final List<CompletableFuture<Object>> replies = new ArrayList<>();

  private QueueChunks() {}

  /**
   * Issues the calls without waiting.
   *
   * @param n how many items
   * @param queueOf the queue of item {@code i}
   * @param size most items per call
   * @param call sends one chunk (item indices, in order) of one queue
   */
  static QueueChunks send(
      int n, IntFunction<String> queueOf, int size, BiFunction<String, List<Integer>, CompletableFuture<Object>> call) {
    Map<String, List<Integer>> byQueue = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byQueue.computeIfAbsent(queueOf.apply(i), q -> new ArrayList<>()).add(i);
    }
    QueueChunks sent = new QueueChunks();
    for (Map.Entry<String, List<Integer>> e : byQueue.entrySet()) {
      List<Integer> all = e.getValue();
      for (int from = 0; from < all.size(); from += size) {
        List<Integer> chunk = all.subList(from, Math.min(all.size(), from + size));
        sent.chunks.add(chunk);
        sent.replies.add(call.apply(e.getKey(), chunk));
      }
    }
    return sent;
  }

  /** The chunks in the order they were sent (item indices). */
  List<List<Integer>> chunks() {
    return chunks;
  }

  /** Completes when every reply is in (failed if any failed). */
  CompletableFuture<Void> replies() {
    return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
  }

  /** Waits for every reply (in chunk order); {@code what} names the operation in errors. */
  List<Object> await(String what) {
    return Await.all(replies, what);
  }
}
