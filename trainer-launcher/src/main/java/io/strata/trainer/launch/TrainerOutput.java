package io.strata.trainer.launch;

import io.strata.events.TrainingOutcome;
import io.strata.events.TrainingProgress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The line protocol a trainer speaks on stdout: {@code strata.progress epoch=1 loss=0.42 accuracy=0.81}
 * and, before a successful exit, {@code strata.outcome artifactUri=... artifactSha256=... accuracy=0.9}.
 * Other lines are plain log output.
 */
public final class TrainerOutput {

  private TrainerOutput() {}

  /** The progress a line reports, if it is a well-formed {@code strata.progress} line. */
  public static Optional<TrainingProgress> progress(String line) {
    var fields = fields(line, "strata.progress");
    if (fields == null || !fields.containsKey("epoch") || !fields.containsKey("loss")) {
      return Optional.empty();
    }
    try {
      int epoch = Integer.parseInt(fields.remove("epoch"));
      double loss = Double.parseDouble(fields.remove("loss"));
      return Optional.of(new TrainingProgress(epoch, loss, metrics(fields)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The outcome a line reports, if it is a well-formed {@code strata.outcome} line. */
  public static Optional<TrainingOutcome> outcome(String line) {
    var fields = fields(line, "strata.outcome");
    if (fields == null || !fields.containsKey("artifactUri") || !fields.containsKey("artifactSha256")) {
      return Optional.empty();
    }
    String uri = fields.remove("artifactUri");
    String sha = fields.remove("artifactSha256");
    try {
      return Optional.of(new TrainingOutcome(uri, sha, metrics(fields)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> fields(String line, String tag) {
    String trimmed = line.strip();
    if (!trimmed.startsWith(tag + " ")) {
      return null;
    }
    var fields = new HashMap<String, String>();
    for (String part : trimmed.substring(tag.length()).trim().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return fields;
  }

  private static Map<String, Double> metrics(Map<String, String> fields) {
    var metrics = new HashMap<String, Double>();
    fields.forEach((k, v) -> metrics.put(k, Double.parseDouble(v)));
    return metrics;
  }
}
