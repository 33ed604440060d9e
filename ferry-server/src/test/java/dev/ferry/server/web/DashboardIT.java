package dev.ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.JobClient;
import dev.ferry.JobOutcome;
import dev.ferry.JobRequest;
import dev.ferry.Worker;
import dev.ferry.redis.RedisBroker;
import dev.ferry.redis.RedisProcess;
import dev.ferry.server.http.ApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/** The dashboard in a real headless Chromium against a real server on a private Redis. */
class DashboardIT {
  private static final String TOKEN = "s3cret-token";

  private RedisProcess redis;
  private RedisBroker broker;
  private JobClient client;
  private ApiServer server;
  private Browser browser;
  private final AtomicBoolean failing = new AtomicBoolean(false);
  private final List<Worker> workers = new ArrayList<>();
  private final List<RedisBroker> brokers = new ArrayList<>();

  @BeforeEach
  void setUp() {
    redis = RedisProcess.start();
    broker = RedisBroker.connect(redis.uri());
    client = JobClient.create(broker);
  }

  private void serve(String token) {
    server = ApiServer.start(broker, new ApiServer.Options("127.0.0.1", 0, token, null));
    browser = new Browser(server.port());
  }

  @AfterEach
  void tearDown() {
    try {
      if (browser != null) {
        browser.assertNoConsoleErrors();
      }
    } finally {
      if (browser != null) {
        browser.close();
      }
      workers.forEach(w -> w.shutdown(Duration.ofSeconds(2)));
      if (server != null) {
        server.close();
      }
      brokers.forEach(RedisBroker::close);
      broker.close();
      redis.close();
    }
  }

  private Worker worker(String queue) {
    RedisBroker own = RedisBroker.connect(redis.uri());
    brokers.add(own);
    Worker w = Worker.builder(own).queue(queue)
        .handle("work", job -> JobOutcome.success())
        .handle("flaky", job -> {
          if (failing.get()) {
            throw new IllegalStateException("flaky failed on purpose");
          }
          return JobOutcome.success();
        })
        .build();
    workers.add(w);
    w.start();
    return w;
  }

  private int sampleCount() {
    return Integer.parseInt(browser.find("#samples").getAttribute("data-count"));
  }

  @Test
  void theOverviewRendersQueuesAndAChartThatUpdates() {
    client.enqueue(JobRequest.ofJson("work", java.util.Map.of("n", 1)).queue("mail"));
    client.enqueue(JobRequest.of("work").queue("reports").delay(Duration.ofHours(1)));
    serve(null);
    worker("mail");
    browser.open("/");
    browser.find("#queues tr[data-queue='mail']");
    browser.find("#queues tr[data-queue='reports']");
    browser.waitForText("#queues tr[data-queue='reports'] td[data-state='scheduled']", "1");
    browser.waitForText("#queues tfoot td[data-total='scheduled']", "1");
    browser.waitForText("#queues tr[data-queue='mail'] td[data-state='completed']", "1");
    await().atMost(Duration.ofSeconds(20)).until(() -> sampleCount() >= 1);
    int before = sampleCount();
    await().atMost(Duration.ofSeconds(20)).until(() -> sampleCount() > before); // a new sample over SSE, no reload
    Object points = browser.driver().executeScript(
        "return Chart.getChart(document.getElementById('rates')).data.labels.length");
    assertThat(((Number) points).intValue()).isGreaterThan(before);
    Object depthSeries = browser.driver().executeScript(
        "return Chart.getChart(document.getElementById('depth')).data.datasets.map(d => d.label)");
    assertThat(depthSeries.toString()).contains("mail", "reports");
    browser.screenshot("overview");
  }

  @Test
  void aDeadJobIsFoundRetriedFromItsJobPageAndThenShownCompleted() {
    serve(null);
    worker("billing");
    failing.set(true);
    String id = client.enqueue(JobRequest.ofJson("flaky", java.util.Map.of("invoice", 7)).queue("billing").maxRetries(0)).id();
    await().atMost(Duration.ofSeconds(20)).until(() -> broker.counts("billing").dead() == 1);
    browser.open("/");
    browser.click("#queues tr[data-queue='billing'] a");
    browser.click("a[data-tab='dead']");
    browser.find("#jobs tr[data-job='" + id + "']");
    browser.screenshot("queue");
    browser.click("#jobs tr[data-job='" + id + "'] a");
    browser.waitForText("#job-state", "dead");
    assertThat(browser.find("#last-error").getText()).contains("flaky failed on purpose");
    assertThat(browser.find("#payload").getText()).contains("\"invoice\": 7");
    browser.find("#timeline li[data-kind='dead']");
    browser.screenshot("job");
    failing.set(false);
    browser.click("#retry-job");
    browser.waitForText("#job-state", "completed");
    browser.find("#timeline li[data-kind='completed']");
    assertThat(broker.find(id).orElseThrow().state().wireName()).isEqualTo("completed");
  }

  @Test
  void theQueuePageFiltersByTypeFindsByIdRequeuesAndPurgesTheDead() {
    serve(null);
    failing.set(true);
    worker("billing");
    String flaky = client.enqueue(JobRequest.of("flaky").queue("billing").maxRetries(0)).id();
    String other = client.enqueue(JobRequest.of("unknown.type").queue("billing").maxRetries(0)).id();
    await().atMost(Duration.ofSeconds(20)).until(() -> broker.counts("billing").dead() == 2);
    browser.open("/#/queues/billing?state=dead");
    browser.find("#jobs tr[data-job='" + flaky + "']");
    browser.find("#jobs tr[data-job='" + other + "']");
    new org.openqa.selenium.support.ui.Select(browser.find("#type-filter")).selectByVisibleText("flaky");
    browser.waitHidden("#jobs tr[data-job='" + other + "']");
    browser.find("#jobs tr[data-job='" + flaky + "']"); // still shown (find waits until visible)

    browser.find("#search-id").sendKeys(other);
    browser.click("#search button");
    browser.waitForText("#job-state", "dead");
    browser.driver().navigate().back();

    failing.set(false);
    browser.click("#requeue-dead");
    await().atMost(Duration.ofSeconds(20)).until(() -> broker.counts("billing").dead() <= 1
        && broker.find(flaky).orElseThrow().state().wireName().equals("completed"));
    await().atMost(Duration.ofSeconds(20)).until(() -> broker.counts("billing").dead() == 1); // no handler: dead again
    // The page is already at this address (it re-rendered when the requeue answered, maybe before
    // the job died again): opening the same address changes nothing, so reload it.
    browser.open("/#/queues/billing?state=dead");
    browser.driver().navigate().refresh();
    browser.find("#jobs tr[data-job='" + other + "']");
    browser.click("#purge-dead");
    browser.driver().switchTo().alert().dismiss();
    assertThat(broker.counts("billing").dead()).isEqualTo(1);
    browser.click("#purge-dead");
    browser.driver().switchTo().alert().accept();
    await().atMost(Duration.ofSeconds(20)).until(() -> broker.counts("billing").dead() == 0);
    browser.waitForText("a[data-tab='dead']", "dead (0)");
  }

  @Test
  void pausingAQueueFromTheUiStopsProcessing() {
    serve(null);
    worker("mail");
    client.enqueue(JobRequest.of("work").queue("mail"));
    await().atMost(Duration.ofSeconds(20)).until(() -> broker.counts("mail").completed() == 1);
    browser.open("/#/queues/mail");
    browser.waitForText("#queue-status", "running");
    browser.click("#toggle-pause");
    browser.waitForText("#queue-status", "paused");
    assertThat(broker.isPaused("mail")).isTrue();
    for (int i = 0; i < 3; i++) {
      client.enqueue(JobRequest.of("work").queue("mail"));
    }
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> broker.counts("mail").pending() == 3 && broker.counts("mail").completed() == 1);
    browser.open("/#/workers");
    browser.find("#workers tr[data-worker]");
    browser.screenshot("workers");
    browser.open("/#/queues/mail");
    browser.click("#toggle-pause");
    browser.waitForText("#queue-status", "running");
    await().atMost(Duration.ofSeconds(20)).until(() -> broker.counts("mail").completed() == 4);
  }

  @Test
  void loginIsRequiredWhenATokenIsSet() throws Exception {
    client.enqueue(JobRequest.of("work").queue("mail"));
    serve(TOKEN);
    browser.open("/");
    browser.find("#login");
    assertThat(browser.driver().findElements(By.cssSelector("#queues"))).isEmpty();
    browser.screenshot("login");
    browser.find("#token").sendKeys(TOKEN);
    browser.click("#login-submit");
    browser.find("#queues tr[data-queue='mail']");
    Cookie session = browser.driver().manage().getCookieNamed(Sessions.COOKIE);
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Strict");

    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/queues")).GET());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=guess")));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("")));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("token");
  }

  @Test
  void anActionAuthenticatedByTheCookieWithoutTheCsrfTokenIsRefused() throws Exception {
    client.enqueue(JobRequest.of("work").queue("mail"));
    serve(TOKEN);
    browser.open("/");
    browser.find("#token").sendKeys(TOKEN);
    browser.click("#login-submit");
    browser.find("#queues tr[data-queue='mail']");
    String cookie = Sessions.COOKIE + "=" + browser.driver().manage().getCookieNamed(Sessions.COOKIE).getValue();
    String csrf = (String) browser.driver().executeScript(
        "return document.querySelector('meta[name=\"csrf-token\"]').content");
    assertThat(csrf).isNotBlank();

    HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/queues")).header("Cookie", cookie).GET());
    assertThat(read.statusCode()).isEqualTo(200);
    HttpResponse<String> noCsrf = send(HttpRequest.newBuilder(uri("/api/queues/mail/pause"))
        .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(noCsrf.body()).contains("X-CSRF-Token");
    HttpResponse<String> wrongCsrf = send(HttpRequest.newBuilder(uri("/api/queues/mail/pause"))
        .header("Cookie", cookie).header("X-CSRF-Token", "forged").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(wrongCsrf.statusCode()).isEqualTo(403);
    assertThat(broker.isPaused("mail")).isFalse();

    HttpResponse<String> withCsrf = send(HttpRequest.newBuilder(uri("/api/queues/mail/pause"))
        .header("Cookie", cookie).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(withCsrf.statusCode()).isEqualTo(200);
    assertThat(broker.isPaused("mail")).isTrue();
    HttpResponse<String> bearer = send(HttpRequest.newBuilder(uri("/api/queues/mail/resume"))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(broker.isPaused("mail")).isFalse();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
