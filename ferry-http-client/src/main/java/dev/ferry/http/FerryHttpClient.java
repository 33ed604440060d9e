package dev.ferry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Enqueues and inspects Ferry jobs through {@code ferry server}'s HTTP API, for services that
 * should not talk to Redis. Thread-safe; build one and share it.
 *
 * <pre>{@code
 * FerryHttpClient ferry = FerryHttpClient.builder(URI.create("http://ferry:8080")).token(token).build();
 * Enqueued e = ferry.enqueue("mail", Enqueue.of("email.send", Map.of("to", "a@b.c")).idempotencyKey(orderId));
 * Optional<Job> job = ferry.job(e.id());
 * }</pre>
 *
 * <p>A refusal (bad input, unknown queue name, duplicate, auth) throws {@link FerryHttpException}
 * carrying the server's status and its problem detail.
 */
public final class FerryHttpClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  private FerryHttpClient(Builder b) {
    this.base = b.base;
    this.token = b.token;
    this.timeout = b.timeout;
    this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
  }

  /** A builder for a client of the server at {@code base} (e.g. {@code http://localhost:8080}). */
  public static Builder builder(URI base) {
    return new Builder(base);
  }

  /** Enqueues {@code job} on {@code queue}. */
  public Enqueued enqueue(String queue, Enqueue job) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("type", job.type());
    if (job.payloadBytes() != null) {
      body.put("payloadBase64", Base64.getEncoder().encodeToString(job.payloadBytes()));
    } else if (job.payload() != null) {
      body.set("payload", MAPPER.valueToTree(job.payload()));
    }
    if (job.delay() != null) {
      body.put("delay", job.delay().toMillis());
    }
    if (job.runAt() != null) {
      body.put("runAt", job.runAt().toString());
    }
    if (job.maxRetries() != null) {
      body.put("maxRetries", job.maxRetries());
    }
    if (job.timeout() != null) {
      body.put("timeout", job.timeout().toMillis());
    }
    if (job.uniqueFor() != null) {
      body.put("uniqueFor", job.uniqueFor().toMillis());
    }
    if (job.uniqueKey() != null) {
      body.put("uniqueKey", job.uniqueKey());
    }
    if (job.id() != null) {
      body.put("id", job.id());
    }
    HttpRequest.Builder req = request("/api/queues/" + encode(queue) + "/jobs")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (job.idempotencyKey() != null) {
      req.header("Idempotency-Key", job.idempotencyKey());
    }
    HttpResponse<String> r = send(req.build());
    JsonNode n = readOrRefuse(r);
    return new Enqueued(n.path("id").asText(), n.path("queue").asText(), n.path("state").asText(), r.statusCode() == 200);
  }

  /** The job with {@code id}, or empty when the server has none. */
  public Optional<Job> job(String id) {
    HttpResponse<String> r = send(request("/api/jobs/" + encode(id)).GET().build());
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    JsonNode n = readOrRefuse(r);
    return Optional.of(new Job(
        n.path("id").asText(), n.path("type").asText(), n.path("queue").asText(), n.path("state").asText(),
        n.path("attempt").asInt(), n.path("maxRetries").asInt(), textOrNull(n, "lastError"), textOrNull(n, "runAt"),
        n.get("payload")));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new FerryHttpException(0, "Unreachable", "could not reach " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerryHttpException(0, "Interrupted", "interrupted while calling " + base, e);
    }
  }

  private static JsonNode readOrRefuse(HttpResponse<String> r) {
    JsonNode n;
    try {
      n = MAPPER.readTree(r.body().isEmpty() ? "{}" : r.body());
    } catch (IOException e) {
      throw new FerryHttpException(r.statusCode(), "Unreadable reply", "the server answered with no JSON: " + r.body(), e);
    }
    if (r.statusCode() >= 300) {
      throw new FerryHttpException(r.statusCode(), n.path("title").asText("Error"), n.path("detail").asText(r.body()), null);
    }
    return n;
  }

  private static String textOrNull(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Builds a {@link FerryHttpClient}. */
  public static final class Builder {
    private final URI base;
    private String token;
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(URI base) {
      Objects.requireNonNull(base, "base");
      if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
        throw new IllegalArgumentException("the server URI must be http:// or https://, got " + base);
      }
      this.base = base;
    }

    /** The server's bearer token ({@code ferry server --token}). */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Connect and request timeout (default 10 s). */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public FerryHttpClient build() {
      return new FerryHttpClient(this);
    }
  }
}
