package dev.ferry.redis.internal;

import static dev.ferry.redis.internal.Replies.asList;
import static dev.ferry.redis.internal.Replies.bytes;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ferry.WorkerInfo;
import dev.ferry.internal.Json;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of live workers: each worker's announcement (JSON in one HASH) and when it lapses
 * (a ZSET scored by Redis time), so a crashed worker drops out by itself.
 */
public final class WorkerRegistry {
  private static final int MAX_LISTED = 1_000;
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final RedisAsyncCommands<String, byte[]> redis;
  private final ScriptRunner scripts;
  private final Keys keys;

  public WorkerRegistry(RedisAsyncCommands<String, byte[]> redis, ScriptRunner scripts, Keys keys) {
    this.redis = redis;
    this.scripts = scripts;
    this.keys = keys;
  }

  public void announce(WorkerInfo worker, Duration ttl) {
    String[] k = {keys.workers(), keys.workersSeen()};
    Await.one(
        scripts.call(Script.ANNOUNCE_WORKER, k, bytes(worker.id()), encode(worker), bytes(ttl.toMillis())),
        "announce worker " + worker.id());
  }

  public void retire(String workerId) {
    Await.one(redis.hdel(keys.workers(), workerId), "retire worker " + workerId);
    Await.one(redis.zrem(keys.workersSeen(), bytes(workerId)), "retire worker " + workerId);
  }

  public List<WorkerInfo> live() {
    String[] k = {keys.workers(), keys.workersSeen()};
    Object reply = Await.one(scripts.call(Script.LIST_WORKERS, k, bytes(MAX_LISTED)), "list workers");
    List<WorkerInfo> out = new ArrayList<>();
    for (Object record : asList(reply)) {
      out.add(decode((byte[]) record));
    }
    out.sort(java.util.Comparator.comparing(WorkerInfo::startedAt).thenComparing(WorkerInfo::id));
    return out;
  }

  static byte[] encode(WorkerInfo w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.id());
    m.put("host", w.host());
    m.put("pid", w.pid());
    m.put("queues", w.queues());
    m.put("concurrency", w.concurrency());
    m.put("busy", w.busy());
    m.put("startedAt", w.startedAt().toEpochMilli());
    m.put("lastHeartbeat", w.lastHeartbeat().toEpochMilli());
    List<Map<String, Object>> running = new ArrayList<>();
    for (WorkerInfo.Running r : w.running()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("jobId", r.jobId());
      j.put("queue", r.queue());
      j.put("type", r.type());
      j.put("attempt", r.attempt());
      j.put("startedAt", r.startedAt().toEpochMilli());
      running.add(j);
    }
    m.put("running", running);
    return Json.write(m);
  }

  @SuppressWarnings("unchecked")
  static WorkerInfo decode(byte[] json) {
    Map<String, Object> m;
    try {
      m = Json.MAPPER.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("a worker announcement is not valid JSON", e);
    }
    List<WorkerInfo.Running> running = new ArrayList<>();
    for (Map<String, Object> j : (List<Map<String, Object>>) m.get("running")) {
      running.add(new WorkerInfo.Running(
          (String) j.get("jobId"), (String) j.get("queue"), (String) j.get("type"),
          ((Number) j.get("attempt")).intValue(), instant(j.get("startedAt"))));
    }
    return new WorkerInfo(
        (String) m.get("id"), (String) m.get("host"), ((Number) m.get("pid")).longValue(),
        (List<String>) m.get("queues"), ((Number) m.get("concurrency")).intValue(),
        ((Number) m.get("busy")).intValue(), instant(m.get("startedAt")), instant(m.get("lastHeartbeat")),
        running);
  }

  private static Instant instant(Object millis) {
    return Instant.ofEpochMilli(((Number) millis).longValue());
  }
}
