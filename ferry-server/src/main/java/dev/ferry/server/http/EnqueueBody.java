package dev.ferry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.JobRequest;
import dev.ferry.internal.Json;
import dev.ferry.server.DurationConverter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code POST /api/queues/{queue}/jobs}: {@code type} (required), {@code payload} (any
 * JSON, stored as its JSON bytes) or {@code payloadBase64} (raw bytes), and the options
 * {@code delay}, {@code runAt}, {@code maxRetries}, {@code timeout}, {@code uniqueFor},
 * {@code uniqueKey}, {@code id}. Unknown fields are refused, so a typo never goes unnoticed.
 */
final class EnqueueBody {
  private static final Set<String> FIELDS = Set.of(
      "type", "payload", "payloadBase64", "delay", "runAt", "maxRetries", "timeout", "uniqueFor", "uniqueKey", "id");

  private EnqueueBody() {}

  static JobRequest parse(JsonNode body, String queue) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badRequest("unknown field '" + name + "'; the fields are " + FIELDS);
      }
    }
    String type = text(body, "type");
    if (type == null) {
      throw ApiException.badRequest("'type' is required: the job type that routes to a handler");
    }
    if (body.has("payload") && body.has("payloadBase64")) {
      throw ApiException.badRequest("give either 'payload' (JSON) or 'payloadBase64' (bytes), not both");
    }
    JobRequest r = JobRequest.of(type, payload(body)).queue(queue);
    if (body.has("delay")) {
      r = r.delay(duration(body, "delay"));
    }
    if (body.has("runAt")) {
      String at = text(body, "runAt");
      try {
        r = r.runAt(Instant.parse(at));
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest("'runAt' must be an ISO-8601 instant such as 2026-11-22T10:00:00Z, got '" + at + "'");
      }
    }
    if (body.has("maxRetries")) {
      JsonNode n = body.get("maxRetries");
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw ApiException.badRequest("'maxRetries' must be a whole number, got " + n);
      }
      r = r.maxRetries(n.intValue());
    }
    if (body.has("timeout")) {
      r = r.timeout(duration(body, "timeout"));
    }
    if (body.has("uniqueFor")) {
      r = r.uniqueFor(duration(body, "uniqueFor"));
    }
    if (body.has("uniqueKey")) {
      r = r.uniqueKey(text(body, "uniqueKey"));
    }
    if (body.has("id")) {
      r = r.id(text(body, "id"));
    }
    return r;
  }

  private static byte[] payload(JsonNode body) {
    if (body.has("payloadBase64")) {
      try {
        return Base64.getDecoder().decode(text(body, "payloadBase64"));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("'payloadBase64' is not valid base64: " + e.getMessage());
      }
    }
    return body.has("payload") ? Json.write(body.get("payload")) : new byte[0];
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("'" + field + "' must be a string, got " + n);
    }
    return n.asText();
  }

  /** A duration: a string such as "250ms", "10s", "5m", "PT10S", or a number of milliseconds. */
  private static Duration duration(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n.isIntegralNumber()) {
      return Duration.ofMillis(n.longValue());
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("'" + field + "' must be a duration such as \"10s\" or milliseconds, got " + n);
    }
    try {
      return DurationConverter.parse(n.asText());
    } catch (RuntimeException e) {
      throw ApiException.badRequest("'" + field + "': " + e.getMessage());
    }
  }
}
