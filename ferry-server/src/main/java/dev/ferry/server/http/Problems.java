package dev.ferry.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.FerryException;
import dev.ferry.InvalidJobException;
import dev.ferry.server.Output;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error as {@code application/problem+json} (RFC 9457: type, title, status, detail): bad
 * input is a 4xx with a message a user can act on; only a fault of Ferry or Redis is a 5xx.
 */
final class Problems {
  static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  static void install(RoutesConfig routes) {
    routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.title(), e.getMessage()));
    routes.exception(InvalidJobException.class, (e, ctx) -> write(ctx, 400, "Invalid job", e.getMessage()));
    routes.exception(IllegalArgumentException.class, (e, ctx) -> write(ctx, 400, "Bad request", e.getMessage()));
    routes.exception(FerryException.class, (e, ctx) -> {
      LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
      write(ctx, 503, "Broker unavailable", e.getMessage());
    });
    routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      write(ctx, 500, "Internal error", "the server failed on this request: " + e);
    });
    routes.error(404, "*", ctx -> {
      String written = ctx.res().getContentType();
      if (written == null || !written.startsWith(CONTENT_TYPE)) {
        write(ctx, 404, "Not found", "no route " + ctx.method() + " " + ctx.path() + " (see /api/openapi.json)");
      }
    });
    routes.error(405, "*", ctx -> write(ctx, 405, "Method not allowed",
        ctx.method() + " is not allowed on " + ctx.path() + " (see /api/openapi.json)"));
  }

  static void write(Context ctx, int status, String title, String detail) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", "about:blank");
    n.put("title", title);
    n.put("status", status);
    n.put("detail", detail);
    ctx.status(status).contentType(CONTENT_TYPE).result(Output.print(n));
  }
}
