package io.strata.trainer.builtin;

import io.strata.trainer.builtin.training.EpochResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the trainer's stdout protocol: {@code strata.progress epoch=N loss=L key=value...},
 * {@code strata.outcome artifactUri=<uri> artifactSha256=<sha> key=value...} and {@code strata.error <message>}.
 * Every value after the first fields is a number (the launcher parses them as metrics); non-finite ones are left
 * out.
 */
final class ProtocolWriter {

  private final PrintStream out;

  ProtocolWriter(PrintStream out) {
    this.out = out;
  }

  void progress(EpochResult epoch, boolean gpu) {
    var line = new StringBuilder("strata.progress epoch=").append(epoch.epoch());
    append(line, "loss", epoch.loss());
    append(line, "accuracy", epoch.accuracy());
    append(line, "val_accuracy", epoch.validationAccuracy());
    append(line, "images_per_s", epoch.imagesPerSecond());
    append(line, "gpu", gpu ? 1 : 0);
    emit(line);
  }

  void outcome(String artifactUri, String artifactSha256, Map<String, Double> metrics) {
    var line = new StringBuilder("strata.outcome artifactUri=").append(artifactUri)
        .append(" artifactSha256=").append(artifactSha256);
    metrics.forEach((name, value) -> append(line, name, value));
    emit(line);
  }

  void error(String message) {
    emit(new StringBuilder("strata.error ").append(message.replace('\n', ' ').replace('\r', ' ')));
  }

  private static void append(StringBuilder line, String name, double value) {
    if (Double.isFinite(value)) {
      line.append(' ').append(name).append('=').append(format(value));
    }
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.6f", value);
  }

  private void emit(StringBuilder line) {
    out.println(line);
    out.flush();
  }
}
