package dev.ferry.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.EnqueueResult;
import dev.ferry.JobClient;
import dev.ferry.JobInfo;
import dev.ferry.JobRequest;
import dev.ferry.server.Output;
import dev.ferry.spi.Broker;
import io.javalin.http.Context;
import java.time.Duration;

/** Enqueue, list, show, retry and delete jobs. */
final class JobRoutes {
  /** How long an {@code Idempotency-Key} holds: a repeat within it returns the first job. */
  static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
  private static final int MAX_IDEMPOTENCY_KEY = 200;

  private final Broker broker;
  private final JobClient client;

  JobRoutes(Broker broker, JobClient client) {
    this.broker = broker;
    this.client = client;
  }

  void register(RouteTable routes) {
    routes.post("/api/queues/{queue}/jobs", this::enqueue);
    routes.get("/api/queues/{queue}/jobs", this::list);
    routes.get("/api/jobs/{id}", this::show);
    routes.delete("/api/jobs/{id}", this::delete);
    routes.post("/api/jobs/{id}/retry", this::retry);
  }

  private void enqueue(Context ctx) {
    String queue = Requests.queue(ctx);
    JobRequest request = EnqueueBody.parse(Requests.jsonObject(ctx), queue);
    String idempotencyKey = ctx.header("Idempotency-Key");
    if (idempotencyKey != null) {
      if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY) {
        throw ApiException.badRequest("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
      }
      if (request.uniqueFor() != null || request.uniqueKey() != null) {
        throw ApiException.badRequest("use either the Idempotency-Key header or uniqueFor/uniqueKey, not both");
      }
      request = request.uniqueKey("idempotency:" + idempotencyKey).uniqueFor(IDEMPOTENCY_WINDOW);
    }
    EnqueueResult r = client.enqueue(request);
    ObjectNode body = Output.result(r);
    if (!r.duplicate()) {
      ctx.status(201).header("Location", "/api/jobs/" + r.id());
    } else if (idempotencyKey != null) {
      ctx.status(200).header("Idempotent-Replayed", "true");
    } else {
      throw new ApiException(409, "Duplicate job",
          "a job with the same " + (request.id() != null ? "id" : "uniqueness key") + " is already stored: "
              + r.id() + " (" + (r.state() == null ? "gone" : r.state().wireName()) + ")");
    }
    ctx.contentType("application/json").result(Output.print(body));
  }

  private void list(Context ctx) {
    String queue = Requests.queue(ctx);
    var page = broker.list(queue, Requests.state(ctx), ctx.queryParam("cursor"), Requests.limit(ctx));
    ctx.contentType("application/json").result(Output.print(Output.page(page)));
  }

  private JobInfo find(Context ctx) {
    String id = Requests.jobId(ctx);
    return client.inspect(id).orElseThrow(() -> ApiException.notFound("no job " + id));
  }

  private void show(Context ctx) {
    ctx.contentType("application/json").result(Output.print(Output.job(find(ctx))));
  }

  private void delete(Context ctx) {
    JobInfo job = find(ctx);
    if (!broker.delete(job.queue(), job.id())) {
      throw ApiException.notFound("no job " + job.id());
    }
    ctx.status(204);
  }

  private void retry(Context ctx) {
    JobInfo job = find(ctx);
    if (!broker.retryNow(job.queue(), job.id())) {
      throw new ApiException(409, "Not retryable",
          "job " + job.id() + " is " + job.state().wireName() + "; only scheduled, retry and dead jobs can be run now");
    }
    JobInfo now = client.inspect(job.queue(), job.id()).orElse(job);
    ctx.contentType("application/json").result(Output.print(Output.job(now)));
  }
}
