package dev.ferry.server.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.JobEvent;
import dev.ferry.JobInfo;
import dev.ferry.server.Output;
import dev.ferry.server.cli.Checks;
import dev.ferry.server.http.ApiException;
import dev.ferry.server.http.RouteTable;
import dev.ferry.spi.Broker;
import dev.ferry.spi.EventBatch;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/jobs/{id}/events}: a job's lifecycle events, found by reading its queue's event
 * log from the oldest retained event. The read is bounded ({@link #MAX_SCANNED} events); when the
 * log holds more, {@code complete} is false and older events may be missing.
 */
final class JobTimeline {
  /** The most events read from the log for one timeline (the log keeps about 10,000 per queue). */
  static final int MAX_SCANNED = 20_000;
  private static final int READ = 1000;

  private final Broker broker;

  JobTimeline(Broker broker) {
    this.broker = broker;
  }

  void register(RouteTable routes) {
    routes.get("/api/jobs/{id}/events", this::timeline);
  }

  private void timeline(Context ctx) throws InterruptedException {
    String id = Checks.jobId(ctx.pathParam("id"));
    JobInfo job = broker.find(id).orElseThrow(() -> new ApiException(404, "Not found", "no job " + id));
    ObjectNode root = JsonNodeFactory.instance.objectNode().put("jobId", id);
    ArrayNode events = root.putArray("events");
    String cursor = "";
    int scanned = 0;
    boolean complete = false;
    while (scanned < MAX_SCANNED) {
      EventBatch batch = broker.readEvents(List.of(job.queue()), cursor, READ, Duration.ZERO);
      cursor = batch.cursor();
      scanned += batch.events().size();
      for (JobEvent e : batch.events()) {
        if (e.jobId().equals(id)) {
          events.add(Output.event(e));
        }
      }
      if (batch.events().size() < READ) {
        complete = true;
        break;
      }
    }
    root.put("scanned", scanned).put("complete", complete);
    ctx.contentType("application/json").result(Output.print(root));
  }
}
