package io.strata.platform.up;

import io.strata.platform.Logging;
import io.strata.platform.Printer;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the platform in the foreground until the process is stopped (Ctrl-C) or the calling thread is
 * interrupted, and shuts it down cleanly either way.
 */
public final class Up {

  private Up() {}

  /** Starts everything, prints the endpoints, and waits. Returns the exit code once stopped by interruption. */
  public static int runInForeground(UpSettings settings, Printer printer) {
    var platform = start(settings, printer);
    printer.line("Logs in %s. Press Ctrl-C to stop.", settings.logDirectory());
    return hold(platform, printer);
  }

  /** Starts everything, with logs to files under the data directory, and prints the endpoints. */
  public static Platform start(UpSettings settings, Printer printer) {
    Platform.stopOrphans(settings);
    Platform.requireFreePorts(settings);
    Logging.toFiles(settings.logDirectory());
    printer.line("Starting Strata in %s ...", settings.dataDirectory());
    var platform = Platform.start(settings);
    for (var component : platform.components()) {
      printer.line("  %-17s %s", component.name(), component.url());
    }
    printer.line("Drop folder (images put here become samples of tenant %s): %s", DefaultApp.TENANT,
        DropFolder.directory(settings));
    printer.line("Admin token (for the control-plane API and ./strata tenant|app) in %s", platform.secrets().adminTokenFile());
    printer.line("Default app (tenant %s) key %s; its secret is in %s", platform.defaultApp().tenantId(),
        platform.defaultApp().appKey(), DefaultApp.file(settings.dataDirectory()));
    if (settings.restCatalog()) {
      printer.line("Iceberg REST catalog (Iceberg property uri) %s; its bearer token (property token) is in %s",
          settings.restCatalogUrl(), settings.restCatalogTokenFile());
    }
    return platform;
  }

  /**
   * Keeps a started platform running until the process is stopped (Ctrl-C) or the calling thread is interrupted,
   * then shuts it down cleanly.
   */
  public static int hold(Platform platform, Printer printer) {
    var stopOnExit = new Thread(() -> stop(platform, printer), "strata-shutdown");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      stop(platform, printer);
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static void stop(Platform platform, Printer printer) {
    printer.line("Stopping Strata ...");
    platform.close();
    printer.line("Stopped. Data kept in %s", platform.settings().dataDirectory());
  }
}
