package dev.ferry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for the API tests. */
final class Http {
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  Http(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  Reply get(String path) throws Exception {
    return send("GET", path, null, null);
  }

  Reply post(String path, String body) throws Exception {
    return send("POST", path, body, null);
  }

  Reply delete(String path) throws Exception {
    return send("DELETE", path, null, null);
  }

  Reply send(String method, String path, String body, String idempotencyKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  HttpClient client() {
    return client;
  }

  String base() {
    return base;
  }
}
