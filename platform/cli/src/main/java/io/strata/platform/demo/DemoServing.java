package io.strata.platform.demo;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.RequestSigner;
import io.strata.platform.Printer;
import io.strata.platform.signing.SignedHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's serving step: the promoted model classifies some of the generated images through the signed serving
 * API, as a customer's application would; every call is metered on {@code api-calls} and every prediction goes to
 * {@code predictions}, which the drift monitor compares with the model's reference profile.
 */
final class DemoServing {

  /** How many images the demo sends. */
  static final int CALLS = 40;
  private static final int SHOWN = 5;

  private DemoServing() {}

  /**
   * Draws {@value #CALLS} images the model never saw and classifies them with the PRODUCTION version; returns how
   * many it classified as labelled.
   */
  static int classify(DemoRun run, Printer printer, DemoEndpoints endpoints, DemoRun.AppCredentials app, Path home,
      long seed) throws IOException, InterruptedException {
    String servingUrl = endpoints.servingUrl().orElseThrow(() -> new IllegalStateException("The running platform "
        + "has no serving component; it was started by an older Strata: stop it (Ctrl-C) and run ./strata demo again"));
    run.step("Serve: classify " + CALLS + " images with model '" + DemoRun.MODEL + "' (PRODUCTION) through the "
        + "signed serving API (./strata predict --model " + DemoRun.MODEL + " <image>)");
    Path heldOut = endpoints.dataDirectory().resolve("demo").resolve("serve");
    Map<String, String> truth = labels(DemoImages.generateHeldOut(home, heldOut, CALLS, seed + 1_000_003));
    printer.line("  %d new shape images (not in the dataset) in %s", truth.size(), heldOut);
    List<Path> images;
    try (var files = Files.list(heldOut)) {
      images = files.filter(f -> truth.containsKey(f.getFileName().toString())).sorted().limit(CALLS).toList();
    }
    var client = new SignedHttpClient("the serving API", servingUrl,
        RequestSigner.create(app.appKey(), AppSecret.of(app.appSecret())));
    int correct = 0;
    long totalMillis = 0;
    for (int i = 0; i < images.size(); i++) {
      Path image = images.get(i);
      long start = System.nanoTime();
      var answer = client.send("POST", "/v1/models/" + DemoRun.MODEL + "/predict", Files.readAllBytes(image),
          "application/octet-stream");
      totalMillis += (System.nanoTime() - start) / 1_000_000;
      if (answer.status() != 200) {
        throw new IllegalStateException("The serving API refused " + image.getFileName() + ": " + answer.status() + " "
            + answer.code() + " " + answer.message());
      }
      String predicted = answer.body().path("predictedClass").asText();
      String expected = truth.get(image.getFileName().toString());
      if (predicted.equals(expected)) {
        correct++;
      }
      if (i < SHOWN) {
        printer.line("  %-18s -> %-9s confidence %.2f (labelled %s; version %d)", image.getFileName(), predicted,
            answer.body().path("confidence").asDouble(), expected, answer.body().path("version").asInt());
      }
    }
    printer.line("  ... %d of %d classified as labelled; %d ms per call on average (signed, metered on api-calls)",
        correct, images.size(), totalMillis / Math.max(1, images.size()));
    printer.line("  the drift monitor compares these predictions with the model's reference profile per 1-minute "
        + "window; its reports land on drift-reports (table drift_reports)");
    return correct;
  }

  /** {@code labels.csv}: {@code file,classLabel} per line, after a header. */
  private static Map<String, String> labels(Path csv) throws IOException {
    var labels = new HashMap<String, String>();
    for (String line : Files.readAllLines(csv)) {
      String[] cells = line.split(",", 2);
      if (cells.length == 2 && !cells[0].equals("file")) {
        labels.put(cells[0].trim(), cells[1].trim());
      }
    }
    return labels;
  }
}
