package dev.ferry.server.http;

import dev.ferry.JobEvent;
import dev.ferry.server.Output;
import dev.ferry.server.cli.Checks;
import dev.ferry.spi.Broker;
import dev.ferry.spi.EventBatch;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: job lifecycle events as server-sent events, in order. Each event is
 * named by its kind with the event JSON as data; the last event of each read carries the log
 * cursor as its id, so a client that reconnects with {@code Last-Event-ID} resumes without losing
 * events. Query: {@code queue} (repeatable; default every queue), {@code from=start} to replay the
 * retained log (default: only new events).
 */
final class EventStream {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final Duration BLOCK = Duration.ofSeconds(2);
  private static final int READ = 200;

  private final Broker broker;

  EventStream(Broker broker) {
    this.broker = broker;
  }

  void register(RouteTable routes) {
    routes.before("/api/events", ctx -> {
      String accept = ctx.header("Accept");
      if (accept == null || !accept.contains("text/event-stream")) {
        throw new ApiException(406, "Not acceptable", "/api/events is a server-sent event stream: send Accept: text/event-stream");
      }
      ctx.queryParams("queue").forEach(Checks::queue); // refused here, before the stream opens
      String from = ctx.queryParam("from");
      if (from != null && !from.equals("start")) {
        throw ApiException.badRequest("from must be 'start' (replay the retained log) or absent (new events only), got '" + from + "'");
      }
    });
    routes.sse("/api/events", this::stream);
  }

  private void stream(SseClient client) {
    List<String> queues = new ArrayList<>();
    for (String q : client.ctx().queryParams("queue")) {
      queues.add(Checks.queue(q));
    }
    String resume = client.ctx().header("Last-Event-ID");
    String cursor = resume != null && !resume.isBlank() ? resume
        : "start".equals(client.ctx().queryParam("from")) ? "" : null;
    client.keepAlive();
    Thread t = new Thread(() -> pump(client, queues, cursor), "ferry-sse");
    t.setDaemon(true);
    t.start();
  }

  private void pump(SseClient client, List<String> fixed, String from) {
    String cursor = from;
    try {
      client.sendComment("ferry events");
      while (!client.terminated()) {
        List<String> queues = fixed.isEmpty() ? List.copyOf(broker.queues()) : fixed;
        if (queues.isEmpty()) {
          Thread.sleep(BLOCK.toMillis());
          continue;
        }
        if (cursor == null) {
          cursor = broker.readEvents(queues, null, 1, Duration.ZERO).cursor();
        }
        EventBatch batch = broker.readEvents(queues, cursor, READ, BLOCK);
        cursor = batch.cursor();
        List<JobEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
          JobEvent e = events.get(i);
          String data = Output.print(Output.event(e));
          if (i == events.size() - 1) {
            client.sendEvent(e.kind().wireName(), data, cursor);
          } else {
            client.sendEvent(e.kind().wireName(), data);
          }
        }
        if (events.isEmpty()) {
          client.sendComment("keep-alive");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("event stream ended: {}", e.toString());
    } finally {
      client.close();
    }
  }
}
