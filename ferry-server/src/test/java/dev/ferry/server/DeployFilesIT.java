package dev.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import dev.ferry.internal.Json;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deploy stack's files: they parse, Prometheus scrapes the services compose starts on the ports
 * they listen on, and every metric the Grafana dashboard queries is exported by a live worker.
 */
class DeployFilesIT {
  private static final Path DEPLOY = Launcher.home().resolve("deploy");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern METRIC = Pattern.compile("\\bferry_[a-z_]+\\b");

  @Test
  void composeAndPrometheusParseAndAgreeOnTargets() throws Exception {
    JsonNode compose = YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile());
    JsonNode services = compose.get("services");
    assertThat(services.fieldNames()).toIterable()
        .contains("redis", "server", "worker-1", "worker-2", "prometheus", "grafana");
    assertThat(services.at("/redis/command").toString()).contains("--appendonly", "yes");

    JsonNode prometheus = YAML.readTree(DEPLOY.resolve("prometheus.yml").toFile());
    List<String> targets = new ArrayList<>();
    for (JsonNode job : prometheus.get("scrape_configs")) {
      for (JsonNode sc : job.get("static_configs")) {
        sc.get("targets").forEach(t -> targets.add(t.asText()));
      }
    }
    assertThat(targets).containsExactlyInAnyOrder("server:8080", "worker-1:9100", "worker-2:9100");
    for (String t : targets) {
      String service = t.substring(0, t.indexOf(':'));
      String port = t.substring(t.indexOf(':') + 1);
      String command = services.get(service).get("command").toString();
      assertThat(command).as(service).contains(service.equals("server") ? "--port" : "--metrics-port", "\"" + port + "\"");
    }
    JsonNode grafanaSource = YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
    assertThat(grafanaSource.at("/datasources/0/url").asText()).isEqualTo("http://prometheus:9090");
  }

  @Test
  void everyMetricTheDashboardQueriesIsExportedByALiveWorker() throws Exception {
    Set<String> queried = new TreeSet<>();
    JsonNode dashboard = Json.MAPPER.readTree(DEPLOY.resolve("grafana/dashboards/ferry.json").toFile());
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = METRIC.matcher(target.get("expr").asText());
        while (m.find()) {
          queried.add(m.group());
        }
      }
    }
    assertThat(queried).contains("ferry_queue_depth", "ferry_jobs_completed_total", "ferry_job_duration_seconds_bucket");

    Path log = Files.createTempFile("ferry-deploy-worker", ".log");
    try (RedisProcess redis = RedisProcess.start(); RedisBroker broker = RedisBroker.connect(redis.uri())) {
      int port = WorkerMetricsIT.freePort();
      Process worker = Launcher.start(log, "worker", "--redis", redis.uri(), "--queue", "deploy",
          "--metrics-port", Integer.toString(port));
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("metrics: http://"));
        broker.pause("paused-queue");
        JobClient client = JobClient.create(broker);
        client.enqueue(JobRequest.ofJson("demo.echo", Map.of("n", 1)).queue("deploy"));
        client.enqueue(JobRequest.ofJson("demo.fail", Map.of("times", 1)).queue("deploy"));
        client.enqueue(JobRequest.ofJson("demo.fail", Map.of("times", 9)).queue("deploy").maxRetries(0));
        client.enqueue(JobRequest.of("demo.echo").queue("paused-queue"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(exported(port)).containsAll(queried));
      } finally {
        worker.destroyForcibly();
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The metric names (with _bucket/_sum/_count series) in a live scrape. */
  private static Set<String> exported(int port) throws Exception {
    Set<String> names = new TreeSet<>();
    for (String series : WorkerMetricsIT.scrape(port).keySet()) {
      names.add(series.contains("{") ? series.substring(0, series.indexOf('{')) : series);
    }
    return names;
  }
}
