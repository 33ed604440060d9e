package dev.ferry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.EnqueueResult;
import dev.ferry.JobEvent;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.QueueCounts;
import dev.ferry.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns jobs, results and counts into the JSON the CLI prints (one stable shape per kind). */
public final class Output {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Output() {}

  public static ObjectNode result(EnqueueResult r) {
    ObjectNode n = F.objectNode();
    n.put("id", r.id());
    n.put("queue", r.queue());
    n.put("state", r.state() == null ? null : r.state().wireName());
    n.put("duplicate", r.duplicate());
    return n;
  }

  public static ObjectNode job(JobInfo j) {
    ObjectNode n = F.objectNode();
    n.put("id", j.id());
    n.put("type", j.type());
    n.put("queue", j.queue());
    n.put("state", j.state().wireName());
    n.put("attempt", j.attempt());
    n.put("maxRetries", j.maxRetries());
    n.put("lastError", j.lastError());
    n.put("runAt", j.runAt() == null ? null : j.runAt().toString());
    n.put("createdAt", j.createdAt() == null ? null : j.createdAt().toString());
    n.put("updatedAt", j.updatedAt() == null ? null : j.updatedAt().toString());
    n.put("timeoutMs", j.timeout() == null ? null : j.timeout().toMillis());
    n.set("payload", payload(j.payload()));
    return n;
  }

  public static ObjectNode counts(QueueCounts c) {
    ObjectNode n = F.objectNode();
    n.put("pending", c.pending());
    n.put("scheduled", c.scheduled());
    n.put("active", c.active());
    n.put("retry", c.retry());
    n.put("dead", c.dead());
    n.put("completed", c.completed());
    n.put("cancelled", c.cancelled());
    return n;
  }

  /** A queue with its paused flag and counts: {@code {"name":…,"paused":…,"pending":…,…}}. */
  public static ObjectNode queue(String name, QueueCounts c, boolean paused) {
    ObjectNode n = F.objectNode();
    n.put("name", name);
    n.put("paused", paused);
    n.setAll(counts(c));
    return n;
  }

  /** A page of jobs: {@code {"jobs":[…],"nextCursor":…}} (nextCursor null on the last page). */
  public static ObjectNode page(JobPage page) {
    ObjectNode root = F.objectNode();
    var jobs = root.putArray("jobs");
    page.jobs().forEach(j -> jobs.add(job(j)));
    root.put("nextCursor", page.nextCursor());
    return root;
  }

  /**
   * One lifecycle event: {@code {"kind","jobId","queue","type","attempt","at","durationMs",
   * "waitedMs","error"}}, absent details as null.
   */
  public static ObjectNode event(JobEvent e) {
    ObjectNode n = F.objectNode();
    n.put("kind", e.kind().wireName());
    n.put("jobId", e.jobId());
    n.put("queue", e.queue());
    n.put("type", e.type());
    n.put("attempt", e.attempt());
    n.put("at", e.at().toString());
    n.put("durationMs", e.duration() == null ? null : e.duration().toMillis());
    n.put("waitedMs", e.waited() == null ? null : e.waited().toMillis());
    n.put("error", e.error());
    return n;
  }

  /**
   * A live worker: {@code {"id","host","pid","queues","concurrency","busy","startedAt",
   * "lastHeartbeat","running":[{"jobId","queue","type","attempt","startedAt"}]}}.
   */
  public static ObjectNode worker(dev.ferry.WorkerInfo w) {
    ObjectNode n = F.objectNode();
    n.put("id", w.id());
    n.put("host", w.host());
    n.put("pid", w.pid());
    var queues = n.putArray("queues");
    w.queues().forEach(queues::add);
    n.put("concurrency", w.concurrency());
    n.put("busy", w.busy());
    n.put("startedAt", w.startedAt().toString());
    n.put("lastHeartbeat", w.lastHeartbeat().toString());
    var running = n.putArray("running");
    for (dev.ferry.WorkerInfo.Running r : w.running()) {
      ObjectNode j = running.addObject();
      j.put("jobId", r.jobId());
      j.put("queue", r.queue());
      j.put("type", r.type());
      j.put("attempt", r.attempt());
      j.put("startedAt", r.startedAt().toString());
    }
    return n;
  }

  /** The payload as JSON when it is JSON, else as a UTF-8 string. */
  public static JsonNode payload(byte[] bytes) {
    if (bytes.length == 0) {
      return F.nullNode();
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      return F.textNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  public static String print(JsonNode n) {
    try {
      return Json.MAPPER.writeValueAsString(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
