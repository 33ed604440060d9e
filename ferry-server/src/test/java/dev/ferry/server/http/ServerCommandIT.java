package dev.ferry.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.redis.RedisProcess;
import dev.ferry.server.LauncherAccess;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code bin/ferry server} as a child process: serves the API and metrics, refuses unsafe binds. */
class ServerCommandIT {
  private RedisProcess redis;
  private Process server;
  private Path log;

  @BeforeEach
  void setUp() throws Exception {
    redis = RedisProcess.start();
    log = Files.createTempFile("ferry-server", ".log");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
    redis.close();
    Files.deleteIfExists(log);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void servesTheApiWithATokenAndMetrics() throws Exception {
    int port = freePort();
    server = LauncherAccess.start(log, "server", "--redis", redis.uri(), "--port", Integer.toString(port), "--token", "tok");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("ferry server on http://127.0.0.1:" + port));
    Http http = new Http(port, "tok");
    Http.Reply created = http.post("/api/queues/cmd/jobs", "{\"type\":\"demo.echo\",\"payload\":{\"n\":1}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(http.get("/api/queues").json().get("queues").get(0).get("pending").asInt()).isEqualTo(1);
    assertThat(new Http(port, null).get("/api/queues").status()).isEqualTo(401);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
        assertThat(http.get("/metrics").body()).contains("ferry_queue_depth{queue=\"cmd\",state=\"pending\"} 1.0"));
    assertThat(http.get("/metrics").body()).contains("ferry_jobs_enqueued_total{queue=\"cmd\",type=\"demo.echo\"} 1.0");
  }

  @Test
  void refusesToLeaveLoopbackWithoutAToken() throws Exception {
    LauncherAccess.Result r = LauncherAccess.run("server", "--redis", redis.uri(), "--bind", "0.0.0.0", "--port", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("needs a token");
    LauncherAccess.Result badPort = LauncherAccess.run("server", "--port", "99999");
    assertThat(badPort.exit()).isEqualTo(2);
    assertThat(badPort.err()).contains("--port must be between 0 and 65535");
  }
}
