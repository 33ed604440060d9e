package dev.ferry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.JobState;
import dev.ferry.internal.Json;
import dev.ferry.server.cli.Checks;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads and checks request input: path parameters, query parameters, JSON bodies. */
final class Requests {
  static final int DEFAULT_LIMIT = 50;

  private Requests() {}

  static String queue(Context ctx) {
    return Checks.queue(ctx.pathParam("queue"));
  }

  static String jobId(Context ctx) {
    return Checks.jobId(ctx.pathParam("id"));
  }

  static JobState state(Context ctx) {
    String s = ctx.queryParam("state");
    return s == null ? JobState.PENDING : Checks.state(s);
  }

  static int limit(Context ctx) {
    String s = ctx.queryParam("limit");
    if (s == null) {
      return DEFAULT_LIMIT;
    }
    try {
      return Checks.limit(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit must be a whole number between 1 and " + Checks.MAX_LIMIT + ", got '" + s + "'");
    }
  }

  /** The body as a JSON object; 400 when it is missing, not JSON, or not an object. */
  static JsonNode jsonObject(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiException.badRequest("the request needs a JSON object body");
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    return n;
  }
}
