package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  private static ConsoleSeed seed;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("ConsoleBrowserIT needs " + CHROMIUM + " and " + CHROMEDRIVER
          + ": install chromium chromium-driver (apt-get install -y chromium chromium-driver)");
    }
    seed = new ConsoleSeed().seed();
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
    assertThat(text()).contains("That is not the admin token");
    shot("01-login-refused");
    browser.findElement(By.name("token")).sendKeys(seed.fixture.token);
    browser.findElement(By.cssSelector("form.login button")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/console");

    String tenant = seed.fixture.tenantA;
    var pages = new LinkedHashMap<String, String[]>();
    pages.put("02-overview", new String[] {"/console", "Tenants", "Datasets", "Training jobs by state", "SUCCEEDED",
        "STARTED", "PRODUCTION"});
    pages.put("03-tenants", new String[] {"/console/tenants", tenant, "a-app", seed.fixture.appKeyA, "ACTIVE",
        "/s"});
    pages.put("04-datasets", new String[] {"/console/datasets", seed.datasetId, "pets"});
    pages.put("05-dataset", new String[] {"/console/datasets/" + seed.datasetId, "Version 1", "Version 2",
        "sha256-of-version-2", "VALIDATION", "Compare versions"});
    pages.put("06-diff", new String[] {"/console/datasets/" + seed.datasetId + "/diff?from=1&to=2", "Added",
        "Removed", "Relabelled", "s4", "s3"});
    pages.put("07-jobs", new String[] {"/console/jobs", seed.succeededJob, seed.runningJob, "SUCCEEDED", "STARTED",
        "loss 0.35", "accuracy 0.9", "refreshes every 5 s"});
    pages.put("08-models", new String[] {"/console/models", seed.modelName, tenant});
    pages.put("09-model", new String[] {"/console/models/" + tenant + "/" + seed.modelName, "Version 1",
        "PRODUCTION", "best accuracy so far", seed.succeededJob, "djl-pytorch-2.7.1", "sha256"});
    for (Map.Entry<String, String[]> page : pages.entrySet()) {
      String[] expected = page.getValue();
      browser.get(base + expected[0]);
      String shown = text();
      for (int i = 1; i < expected.length; i++) {
        assertThat(shown).as(page.getKey() + " shows '" + expected[i] + "'").contains(expected[i]);
      }
      shot(page.getKey());
    }

    browser.get(base + "/console/jobs");
    assertThat(browser.findElements(By.cssSelector("svg.chart polyline.loss"))).hasSize(2);
    assertThat(browser.findElements(By.cssSelector("meta[http-equiv=refresh]"))).hasSize(1);
    browser.get(base + "/console/models/" + tenant + "/" + seed.modelName);
    browser.findElement(By.linkText(seed.datasetId + " v2")).click();
    assertThat(browser.getCurrentUrl()).contains("/console/datasets/" + seed.datasetId);

    browser.findElement(By.cssSelector("form.logout button")).click();
    assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    browser.get(base + "/console");
    assertThat(browser.getCurrentUrl()).as("signed out").endsWith("/console/login");
  }

  private static String text() {
    return browser.findElement(By.tagName("body")).getText();
  }

  private static void shot(String name) throws Exception {
    Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
