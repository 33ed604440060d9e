package dev.ferry.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.WorkerInfo;
import dev.ferry.server.Output;
import dev.ferry.server.cli.Bulk;
import dev.ferry.server.cli.Progress;
import dev.ferry.spi.Broker;
import io.javalin.http.Context;

/** Queues: counts, pause and resume, the dead set in bulk, stats, and the live workers. */
final class QueueRoutes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Broker broker;

  QueueRoutes(Broker broker) {
    this.broker = broker;
  }

  void register(RouteTable routes) {
    routes.get("/api/queues", this::queues);
    routes.post("/api/queues/{queue}/pause", ctx -> paused(ctx, true));
    routes.post("/api/queues/{queue}/resume", ctx -> paused(ctx, false));
    routes.post("/api/queues/{queue}/dead/requeue", this::requeueDead);
    routes.delete("/api/queues/{queue}/dead", this::purgeDead);
    routes.get("/api/stats", this::stats);
    routes.get("/api/workers", this::workers);
  }

  private void queues(Context ctx) {
    ObjectNode root = F.objectNode();
    ArrayNode list = root.putArray("queues");
    for (String q : broker.queues()) {
      list.add(Output.queue(q, broker.counts(q), broker.isPaused(q)));
    }
    json(ctx, root);
  }

  private void paused(Context ctx, boolean pause) {
    String queue = Requests.queue(ctx);
    if (pause) {
      broker.pause(queue);
    } else {
      broker.resume(queue);
    }
    json(ctx, Output.queue(queue, broker.counts(queue), broker.isPaused(queue)));
  }

  private void requeueDead(Context ctx) {
    String queue = Requests.queue(ctx);
    long n = Bulk.drain(0, Progress.silent(), limit -> broker.requeueDead(queue, limit));
    ObjectNode out = F.objectNode().put("queue", queue).put("requeued", n);
    json(ctx, out);
  }

  private void purgeDead(Context ctx) {
    String queue = Requests.queue(ctx);
    long n = Bulk.drain(0, Progress.silent(), limit -> broker.purgeDead(queue, limit));
    json(ctx, F.objectNode().put("queue", queue).put("purged", n));
  }

  private void stats(Context ctx) {
    ObjectNode root = F.objectNode();
    ObjectNode queues = root.putObject("queues");
    for (String q : broker.queues()) {
      queues.set(q, Output.counts(broker.counts(q)));
    }
    json(ctx, root);
  }

  private void workers(Context ctx) {
    ObjectNode root = F.objectNode();
    ArrayNode list = root.putArray("workers");
    for (WorkerInfo w : broker.workers()) {
      list.add(Output.worker(w));
    }
    json(ctx, root);
  }

  static void json(Context ctx, com.fasterxml.jackson.databind.JsonNode n) {
    ctx.contentType("application/json").result(Output.print(n));
  }
}
