package dev.ferry.server;

import dev.ferry.EnqueueResult;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.internal.Json;
import dev.ferry.spi.Broker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry enqueue}: puts one job on a queue and prints its id and state. */
@Command(name = "enqueue", description = "Enqueue one job.", mixinStandardHelpOptions = true)
final class EnqueueCommand implements Callable<Integer> {
  @Mixin BrokerOptions broker;

  @Option(names = "--type", required = true, description = "Job type (routes to a handler).")
  String type;

  @Option(names = "--payload", paramLabel = "JSON", description = "Payload as JSON, or @FILE to read it from a file (default: none).")
  String payload;

  @Option(names = "--queue", description = "Queue (default: ${DEFAULT-VALUE}).")
  String queue = JobRequest.DEFAULT_QUEUE;

  @Option(names = "--delay", converter = DurationConverter.class, description = "Run after this delay, e.g. 30s.")
  Duration delay;

  @Option(names = "--max-retries", description = "Retries after the first attempt (default: ${DEFAULT-VALUE}).")
  int maxRetries = JobRequest.DEFAULT_MAX_RETRIES;

  @Option(names = "--timeout", converter = DurationConverter.class, description = "Per-attempt timeout, e.g. 5m.")
  Duration timeout;

  @Option(names = "--unique-for", converter = DurationConverter.class, description = "Refuse duplicates (same type and payload) for this long.")
  Duration uniqueFor;

  @Option(names = "--unique-key", description = "Explicit uniqueness key (with --unique-for).")
  String uniqueKey;

  @Option(names = "--id", description = "Job id (default: generated).")
  String id;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    JobRequest request = JobRequest.of(type, payloadBytes()).queue(queue).maxRetries(maxRetries);
    if (delay != null) {
      request = request.delay(delay);
    }
    if (timeout != null) {
      request = request.timeout(timeout);
    }
    if (uniqueFor != null) {
      request = request.uniqueFor(uniqueFor);
    }
    if (uniqueKey != null) {
      request = request.uniqueKey(uniqueKey);
    }
    if (id != null) {
      request = request.id(id);
    }
    JobClient.check(request);
    try (Broker b = broker.requireRedis()) {
      EnqueueResult r = JobClient.create(b).enqueue(request);
      if (json) {
        System.out.println(Output.print(Output.result(r)));
      } else if (r.duplicate()) {
        System.out.println("refused: duplicate of job " + r.id() + " (" + (r.state() == null ? "gone" : r.state().wireName()) + ")");
      } else {
        System.out.println(r.id() + " " + r.state().wireName() + " on queue " + r.queue());
      }
      return Main.OK;
    }
  }

  private byte[] payloadBytes() {
    if (payload == null) {
      return new byte[0];
    }
    byte[] bytes;
    if (payload.startsWith("@")) {
      try {
        bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(payload.substring(1)));
      } catch (IOException e) {
        throw new IllegalArgumentException("--payload " + payload + ": cannot read the file: " + e.getMessage());
      }
    } else {
      bytes = payload.getBytes(StandardCharsets.UTF_8);
    }
    try {
      Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("--payload is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return bytes;
  }
}
