package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in headless Chromium: signs in through the form, visits every page of a seeded registry, checks what
 * an operator sees, and saves a screenshot per page under {@code target/console-screenshots/}.
 */
class ConsoleBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final Duration PAGE_LOAD = Duration.ofSeconds(15);

  private static ConsoleSeed seed;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("ConsoleBrowserIT needs " + CHROMIUM + " and " + CHROMEDRIVER
          + ": install chromium chromium-driver (apt-get install -y chromium chromium-driver)");
    }
    seed = new ConsoleSeed().seed().seedSamples();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory("strata-console-chromium-"));
    var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (seed != null) {
      seed.close();
    }
  }

  @Test
  void shouldSignInAndShowEveryPage() throws Exception {
    String base = seed.fixture.server.url();
    browser.get(base + "/console/jobs");
    assertThat(browser.getCurrentUrl()).as("no session: redirected to the form").endsWith("/console/login");
    browser.findElement(By.name("token")).sendKeys("not the token");
    browser.findElement(By.cssSelector("form.login button")).click();
    // A click that submits a form returns before the next page is there: wait for it.
    await().atMost(PAGE_LOAD).until(() -> text().contains("That is not the admin token"));
    shot("01-login-refused");
    browser.findElement(By.name("token")).sendKeys(seed.fixture.token);
    browser.findElement(By.cssSelector("form.login button")).click();
    await().atMost(PAGE_LOAD).until(() -> browser.getCurrentUrl().endsWith("/console"));

    String tenant = seed.fixture.tenantA;
    var pages = new LinkedHashMap<String, String[]>();
    pages.put("02-overview", new String[] {"/console", "Tenants", "Datasets", "Training jobs by state", "SUCCEEDED",
        "STARTED", "PRODUCTION"});
    pages.put("03-tenants", new String[] {"/console/tenants", tenant, "a-app", seed.fixture.appKeyA, "ACTIVE",
        "/s"});
    pages.put("03b-samples", new String[] {"/console/samples", tenant, "Failed review", "failed review"});
    pages.put("03c-samples-of-tenant", new String[] {"/console/samples/" + tenant, "pet-1.png",
        ConsoleSeed.SCRIPT_FILENAME, "blurry", "under-exposed", "passed", "brightness 12.5", "6 of the newest 6 kept"});
    pages.put("03d-samples-failed", new String[] {"/console/samples/" + tenant + "?filter=failed",
        "2 of the newest 6 kept", "failed review"});
    pages.put("04-datasets", new String[] {"/console/datasets", seed.datasetId, "pets"});
    pages.put("05-dataset", new String[] {"/console/datasets/" + seed.datasetId, "Version 1", "Version 2",
        "sha256-of-version-2", "VALIDATION", "Compare versions"});
    pages.put("06-diff", new String[] {"/console/datasets/" + seed.datasetId + "/diff?from=1&to=2", "Added",
        "Removed", "Relabelled", "s4", "s3"});
    pages.put("07-jobs", new String[] {"/console/jobs", seed.succeededJob, seed.runningJob, "SUCCEEDED", "STARTED",
        "loss 0.35", "accuracy 0.9", "A job is running", "2 GPU(s) on gpu-node-1 [0, 1] (local)"});
    pages.put("08-models", new String[] {"/console/models", seed.modelName, tenant});
    pages.put("09-model", new String[] {"/console/models/" + tenant + "/" + seed.modelName, "Version 1",
        "PRODUCTION", "best accuracy so far", seed.succeededJob, "djl-pytorch-2.7.1", "sha256",
        "Trained on " + seed.datasetId + " v2: 4 samples"});
    awaitSamplesAssessed(base + "/console/samples/" + tenant, seed.samplesA.size());
    for (Map.Entry<String, String[]> page : pages.entrySet()) {
      String[] expected = page.getValue();
      browser.get(base + expected[0]);
      if (page.getKey().startsWith("03c") || page.getKey().startsWith("03d")) {
        awaitThumbnails();
      }
      if (page.getKey().startsWith("07")) {
        awaitLiveCharts(2);
      }
      String shown = text();
      for (int i = 1; i < expected.length; i++) {
        assertThat(shown).as(page.getKey() + " shows '" + expected[i] + "'").contains(expected[i]);
      }
      shot(page.getKey());
    }

    browser.get(base + "/console/samples/" + tenant);
    assertThat(browser.findElements(By.cssSelector("img.thumb"))).hasSize(seed.samplesA.size());
    assertThat(browser.findElements(By.cssSelector("figure.sample.failed"))).hasSize(2);
    assertThat(browser.getPageSource()).doesNotContain("<script>alert(2)");

    browser.get(base + "/console/jobs");
    awaitLiveCharts(2);
    Object rawHtml = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
        + "fetch('/console/jobs').then(function (r) { return r.text(); }).then(done);");
    assertThat((String) rawHtml).as("server-rendered fallback without scripts")
        .contains("<svg class=\"chart\"").contains("<noscript><meta http-equiv=\"refresh\" content=\"5\">");
    // Live: a new epoch of the running job shows up without reloading the page.
    browser.executeScript("window.strataNoReload = true;");
    seed.reportRunningProgress(3, 0.7, 0.66);
    String running = "section.job[data-job='" + seed.runningJob + "']";
    await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(
        By.cssSelector(running + " p.last-epoch")).getText().equals("epoch 3 · loss 0.7 · accuracy 0.66"));
    assertThat(browser.executeScript("return window.strataNoReload === true && Chart.getChart(document"
        + ".querySelector(arguments[0] + ' canvas')).data.labels.length;", running)).isEqualTo(3L);
    assertThat(text()).contains("live progress, updated every 3 s");
    shot("07b-jobs-live");
    browser.get(base + "/console/models/" + tenant + "/" + seed.modelName);
    browser.findElement(By.linkText(seed.datasetId + " v2")).click();
    await().atMost(PAGE_LOAD).until(() -> browser.getCurrentUrl().contains("/console/datasets/" + seed.datasetId));

    browser.findElement(By.cssSelector("form.logout button")).click();
    await().atMost(PAGE_LOAD).until(() -> browser.getCurrentUrl().endsWith("/console/login"));
    browser.get(base + "/console");
    assertThat(browser.getCurrentUrl()).as("signed out").endsWith("/console/login");
  }

  /** Waits until the samples page shows {@code count} assessed samples (the reader folds them asynchronously). */
  private static void awaitSamplesAssessed(String page, int count) {
    await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
      browser.get(page);
      return browser.findElements(By.xpath("//div[@class='card'][span[@class='label' and text()='Assessed']]"
          + "/span[@class='number' and text()='" + count + "']")).size() == 1;
    });
  }

  /** Waits until every thumbnail on the page has loaded and decoded (naturalWidth > 0). */
  private static void awaitThumbnails() {
    var images = browser.findElements(By.cssSelector("img.thumb"));
    assertThat(images).as("thumbnails on " + browser.getCurrentUrl()).isNotEmpty();
    await().atMost(Duration.ofSeconds(20)).until(() -> images.stream()
        .allMatch(img -> {
          Object width = browser.executeScript("return arguments[0].complete && arguments[0].naturalWidth;", img);
          return width instanceof Number n && n.intValue() > 0;
        }));
  }

  /** Waits until Chart.js has drawn {@code count} job charts (canvas with a chart and a non-zero size). */
  private static void awaitLiveCharts(int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      Object drawn = browser.executeScript("return Array.prototype.filter.call(document.querySelectorAll("
          + "'canvas.live-chart'), function (c) { var chart = window.Chart && Chart.getChart(c);"
          + " return chart && c.width > 0 && c.height > 0 && chart.data.labels.length > 0; }).length;");
      return drawn instanceof Number n && n.intValue() == count;
    });
  }

  /** The page's text; while a navigation is under way there may be no body for a moment, so it waits for one. */
  private static String text() {
    return await().atMost(PAGE_LOAD).ignoreExceptions()
        .until(() -> browser.findElement(By.tagName("body")).getText(), body -> true);
  }

  private static void shot(String name) throws Exception {
    Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
