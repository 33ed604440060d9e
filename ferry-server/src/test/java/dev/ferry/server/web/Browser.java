package dev.ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium for the dashboard tests: a fresh profile per
 * browser, screenshots under {@code target/screenshots/}, and the console collected so that any
 * SEVERE entry (a JavaScript error, a failed load) fails the test.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Path profile;
  private final ChromeDriver driver;
  private final String base;

  Browser(int port) {
    try {
      profile = Files.createTempDirectory("ferry-chromium");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,1000", "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    base = "http://127.0.0.1:" + port;
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement find(String css) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /**
   * Clicks the element once it is clickable. The live pages re-render tables while we look, so an
   * element found a moment ago may be replaced before the click lands: then find it again.
   */
  void click(String css) {
    new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  /** Waits until no element matching {@code css} is visible (re-rendered rows are looked up again). */
  void waitHidden(String css) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
  }

  void waitForText(String css, String text) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.cssSelector(css), text));
  }

  void screenshot(String name) {
    try {
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails when the console holds a SEVERE entry. */
  void assertNoConsoleErrors() {
    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .toList();
    assertThat(severe).as("browser console errors").isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
