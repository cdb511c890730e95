package dev.newsflow.consumer.dashboard;

import dev.newsflow.testkit.AbsentResource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: both paths are given, so Selenium
 * downloads nothing, and the browser gets a fresh profile and no network of its own beyond what the page
 * asks of the local gateway. Absent browser: the test is skipped with the reason, except under CI=true.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("NEWSFLOW_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("NEWSFLOW_CHROMEDRIVER", "/usr/bin/chromedriver"));

  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium() throws IOException {
    profile = Files.createTempDirectory("newsflow-chromium-profile");
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogOutput(java.io.OutputStream.nullOutputStream())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--window-size=1280,900", "--user-data-dir=" + profile);
    driver = new ChromeDriver(service, options);
  }

  /** Starts the browser, or skips the calling test (fails it under CI=true) when it is not installed. */
  static HeadlessChromium start() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String reason = "chromium (" + CHROMIUM + ") or chromedriver (" + CHROMEDRIVER + ") is not installed: "
          + "apt-get install chromium chromium-driver";
      AbsentResource.skip(reason);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    return new HeadlessChromium();
  }

  ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // a temporary profile
      }
    }
  }
}
