package dev.ferry.server.web;

import dev.ferry.internal.Json;
import dev.ferry.server.http.ApiException;
import dev.ferry.server.http.RouteTable;
import io.javalin.http.sse.SseClient;
import java.util.function.Consumer;

/**
 * {@code GET /api/dashboard/stream}: the overview charts as server-sent events: first one
 * {@code history} event (every sample held, oldest first), then a {@code sample} event every
 * {@link History#PERIOD}.
 */
final class HistoryStream {
  private final History history;

  HistoryStream(History history) {
    this.history = history;
  }

  void register(RouteTable routes) {
    routes.before("/api/dashboard/stream", ctx -> {
      String accept = ctx.header("Accept");
      if (accept == null || !accept.contains("text/event-stream")) {
        throw new ApiException(406, "Not acceptable",
            "/api/dashboard/stream is a server-sent event stream: send Accept: text/event-stream");
      }
    });
    routes.sse("/api/dashboard/stream", this::stream);
  }

  private void stream(SseClient client) {
    client.keepAlive();
    Subscriber subscriber = new Subscriber(client);
    client.onClose(() -> history.unsubscribe(subscriber));
    client.sendEvent("history", json(history.samples()));
    history.subscribe(subscriber);
  }

  /** Sends each new sample to one client until it disconnects. */
  private final class Subscriber implements Consumer<Sample> {
    private final SseClient client;

    Subscriber(SseClient client) {
      this.client = client;
    }

    @Override
    public void accept(Sample s) {
      if (client.terminated()) {
        history.unsubscribe(this);
        return;
      }
      client.sendEvent("sample", json(s));
    }
  }

  private static String json(Object o) {
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a dashboard sample did not serialize", e);
    }
  }
}
