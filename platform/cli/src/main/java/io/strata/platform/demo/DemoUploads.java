package io.strata.platform.demo;

import io.strata.platform.Printer;
import io.strata.platform.StrataCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's uploads, made with {@code strata ingest} as a person at a terminal would: the images (the bad files
 * among them refused one by one), then the Pascal VOC archive, whose images are already known and whose annotations
 * become labels.
 */
final class DemoUploads {

  private DemoUploads() {}

  /** Uploads the image directory; the bad files must be refused, everything else accepted. */
  static void uploadImages(DemoRun run, Printer printer, DemoEndpoints endpoints, DemoRun.AppCredentials app,
      DemoImages.Generated generated) {
    run.step("Upload the images through the signed upload gateway (./strata ingest " + generated.images() + ")");
    int exit = ingest(printer, endpoints, app, generated.images(), List.of("--tags", "demo"));
    if (exit == 0) {
      throw new IllegalStateException("strata ingest accepted every file, but the demo's " + DemoImages.BAD_FILES.size()
          + " bad files must be refused: check the gateway's validation");
    }
    printer.line("  the %d bad files were refused, as they must be (exit code %d); every other image was stored",
        DemoImages.BAD_FILES.size(), exit);
  }

  /** Imports the VOC archive: its images are known already, its annotations become labels (annotator import). */
  static void importLabels(DemoRun run, Printer printer, DemoEndpoints endpoints, DemoRun.AppCredentials app,
      DemoImages.Generated generated) {
    run.step("Import labels from a Pascal VOC archive (./strata ingest " + generated.archive().getFileName() + ")");
    int exit = ingest(printer, endpoints, app, generated.archive(), List.of("--tags", "demo"));
    if (exit != 0) {
      throw new IllegalStateException("strata ingest of " + generated.archive() + " failed (exit " + exit + ")");
    }
  }

  private static int ingest(Printer printer, DemoEndpoints endpoints, DemoRun.AppCredentials app, Path source,
      List<String> extra) {
    var out = new StringWriter();
    var args = new java.util.ArrayList<String>(List.of("ingest", source.toString(),
        "--gateway-url", endpoints.gatewayUrl(), "--app-key", app.appKey(), "--app-secret", app.appSecret(),
        "--data-dir", endpoints.dataDirectory().toString()));
    args.addAll(extra);
    int exit = StrataCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
        .execute(args.toArray(String[]::new));
    out.toString().lines().filter(line -> !line.isBlank()).forEach(line -> printer.line("  " + line));
    return exit;
  }
}
