package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.internal.Json;
import dev.ferry.redis.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The foundation CLI commands through the real launcher against a real Redis. */
class CliIT {
  static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private static JsonNode json(Launcher.Run run) throws Exception {
    assertThat(run.exit()).as("exit code; stderr: %s", run.err()).isZero();
    return Json.MAPPER.readTree(run.out());
  }

  @Test
  void enqueueInspectAndStatsSpeakJson() throws Exception {
    JsonNode r = json(Launcher.run("enqueue", "--redis", redis.uri(), "--type", "demo.echo",
        "--payload", "{\"n\":1}", "--queue", "cli-a", "--max-retries", "4", "--json"));
    String id = r.get("id").asText();
    assertThat(r.get("state").asText()).isEqualTo("pending");

    JsonNode job = json(Launcher.run("inspect", id, "--redis", redis.uri(), "--json"));
    assertThat(job.get("id").asText()).isEqualTo(id);
    assertThat(job.get("type").asText()).isEqualTo("demo.echo");
    assertThat(job.get("queue").asText()).isEqualTo("cli-a");
    assertThat(job.get("state").asText()).isEqualTo("pending");
    assertThat(job.get("attempt").asInt()).isZero();
    assertThat(job.get("maxRetries").asInt()).isEqualTo(4);
    assertThat(job.has("lastError")).isTrue();
    assertThat(job.has("runAt")).isTrue();
    assertThat(job.get("payload").get("n").asInt()).isEqualTo(1);

    JsonNode stats = json(Launcher.run("stats", "--redis", redis.uri(), "--json"));
    JsonNode q = stats.get("queues").get("cli-a");
    assertThat(q.get("pending").asLong()).isEqualTo(1);
    for (String field : new String[] {"scheduled", "active", "retry", "dead", "completed"}) {
      assertThat(q.get(field).asLong()).as(field).isZero();
    }
  }

  @Test
  void delayedAndIdAndUniqueOptionsWork() throws Exception {
    JsonNode delayed = json(Launcher.run("enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "cli-b",
        "--delay", "1h", "--id", "job-1", "--json"));
    assertThat(delayed.get("id").asText()).isEqualTo("job-1");
    assertThat(delayed.get("state").asText()).isEqualTo("scheduled");
    JsonNode job = json(Launcher.run("inspect", "job-1", "--redis", redis.uri(), "--json"));
    assertThat(job.get("runAt").isNull()).isFalse();

    String[] unique = {"enqueue", "--redis", redis.uri(), "--type", "u", "--queue", "cli-b", "--payload", "[1]", "--unique-for", "10m", "--json"};
    JsonNode first = json(Launcher.run(unique));
    JsonNode second = json(Launcher.run(unique));
    assertThat(first.get("duplicate").asBoolean()).isFalse();
    assertThat(second.get("duplicate").asBoolean()).isTrue();
    assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
  }

  @Test
  void badArgumentsExitWithTwoAndWriteNothing() throws Exception {
    String[][] bad = {
      {"enqueue", "--redis", redis.uri(), "--type", "", "--queue", "cli-bad"},
      {"enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "cli-bad", "--delay", "-1s"},
      {"enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "cli-bad", "--payload", "{not json"},
      {"enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "bad queue!"},
      {"enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "cli-bad", "--delay", "soon"},
      {"enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "cli-bad", "--max-retries", "-3"},
      {"enqueue", "--redis", redis.uri(), "--queue", "cli-bad"},
      {"enqueue", "--type", "t", "--queue", "cli-bad"},
      {"frobnicate"},
    };
    for (String[] args : bad) {
      Launcher.Run run = Launcher.run(args);
      assertThat(run.exit()).as("exit of %s", String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().strip().lines().count()).as("one-line error for %s: %s", String.join(" ", args), run.err()).isEqualTo(1);
      assertThat(run.err()).startsWith("ferry: ");
    }
    JsonNode stats = json(Launcher.run("stats", "--redis", redis.uri(), "--json"));
    assertThat(stats.get("queues").has("cli-bad")).as("nothing written").isFalse();
  }

  @Test
  void payloadOverTheLimitIsRefusedAndNothingWritten() throws Exception {
    java.nio.file.Path big = java.nio.file.Files.createTempFile("big-payload", ".json");
    try {
      java.nio.file.Files.writeString(big, "\"" + "x".repeat(1024 * 1024) + "\"");
      Launcher.Run run = Launcher.run("enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "cli-big", "--payload", "@" + big);
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).contains("over the limit of 1048576 bytes");
      JsonNode stats = json(Launcher.run("stats", "--redis", redis.uri(), "--json"));
      assertThat(stats.get("queues").has("cli-big")).isFalse();
      java.nio.file.Files.writeString(big, "{\"from\":\"file\"}");
      JsonNode ok = json(Launcher.run("enqueue", "--redis", redis.uri(), "--type", "t", "--queue", "cli-big", "--payload", "@" + big, "--json"));
      JsonNode job = json(Launcher.run("inspect", ok.get("id").asText(), "--redis", redis.uri(), "--json"));
      assertThat(job.get("payload").get("from").asText()).isEqualTo("file");
    } finally {
      java.nio.file.Files.deleteIfExists(big);
    }
  }

  @Test
  void failuresExitWithOne() throws Exception {
    Launcher.Run missing = Launcher.run("inspect", "no-such-job", "--redis", redis.uri(), "--json");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("no job with id no-such-job");
    Launcher.Run down = Launcher.run("stats", "--redis", "redis://127.0.0.1:1", "--json");
    assertThat(down.exit()).isEqualTo(1);
    assertThat(down.err()).contains("127.0.0.1:1");
  }

  @Test
  void demoRunsOnTheEmbeddedBrokerAndShowsProgress() throws Exception {
    Launcher.Run run = Launcher.run("demo", "--duration", "3s");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("in-memory broker").containsPattern("t=\\s*\\d+s enqueued=\\d+ .*completed=[1-9]");
    assertThat(run.out()).containsPattern("HTTP API: http://127\\.0\\.0\\.1:\\d+/api/queues");
    assertThat(run.out()).containsPattern("Dashboard: http://127\\.0\\.0\\.1:\\d+/");
  }

  @Test
  void demoServesTheHttpApiWhileItRuns() throws Exception {
    java.nio.file.Path log = java.nio.file.Files.createTempFile("ferry-demo", ".log");
    Process demo = Launcher.start(log, "demo", "--port", "0", "--duration", "20s");
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> java.nio.file.Files.readString(log).contains("HTTP API: "));
      String line = java.nio.file.Files.readString(log).lines().filter(l -> l.startsWith("HTTP API: ")).findFirst().orElseThrow();
      String url = line.substring("HTTP API: ".length()).split(" ")[0];
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> {
        var body = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return body.contains("\"name\":\"critical\"");
      });
      String base = url.substring(0, url.indexOf("/api/"));
      var http = java.net.http.HttpClient.newHttpClient();
      var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).contains("Ferry dashboard", "/webjars/chart.js/4.5.1/dist/chart.umd.min.js");
      var chart = http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(base + "/webjars/chart.js/4.5.1/dist/chart.umd.min.js")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(chart.statusCode()).as("chart.js from the shaded jar's WebJar").isEqualTo(200);
      var css = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/assets/app.css")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(css.statusCode()).isEqualTo(200);
    } finally {
      demo.destroy();
      demo.waitFor();
      java.nio.file.Files.deleteIfExists(log);
    }
  }

  @Test
  void demoRunsOnRedis() throws Exception {
    Launcher.Run run = Launcher.run("demo", "--redis", redis.uri(), "--prefix", "demo-test", "--duration", "3s");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("completed=[1-9]");
  }
}
