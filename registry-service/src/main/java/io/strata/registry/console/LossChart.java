package io.strata.registry.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inline SVG line chart of a training job's loss per epoch (scaled to the largest loss) and, when reported,
 * its accuracy per epoch (on a fixed 0..1 scale). Drawn on the server: no script, no library.
 */
final class LossChart {

  private static final int WIDTH = 480;
  private static final int HEIGHT = 200;
  private static final int PAD = 32;

  private LossChart() {}

  /** The chart of {@code progress} (each {@code {epoch, loss, metrics}}), or a note when there is nothing yet. */
  static String svg(List<Map<String, Object>> progress) {
    if (progress.isEmpty()) {
      return "<p class=\"muted\">No progress reported yet.</p>";
    }
    int maxEpoch = 1;
    double maxLoss = 0;
    for (var p : progress) {
      maxEpoch = Math.max(maxEpoch, ((Number) p.get("epoch")).intValue());
      maxLoss = Math.max(maxLoss, ((Number) p.get("loss")).doubleValue());
    }
    maxLoss = maxLoss <= 0 ? 1 : maxLoss;
    var loss = new ArrayList<String>();
    var accuracy = new ArrayList<String>();
    for (var p : progress) {
      int epoch = ((Number) p.get("epoch")).intValue();
      loss.add(point(epoch, maxEpoch, ((Number) p.get("loss")).doubleValue() / maxLoss));
      Object acc = ((Map<?, ?>) p.get("metrics")).get("accuracy");
      if (acc instanceof Number n) {
        accuracy.add(point(epoch, maxEpoch, Math.max(0, Math.min(1, n.doubleValue()))));
      }
    }
    var svg = new StringBuilder();
    svg.append("<svg class=\"chart\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>Loss")
        .append(accuracy.isEmpty() ? "" : " and accuracy").append(" per epoch</title>")
        .append("<rect x=\"").append(PAD).append("\" y=\"").append(PAD / 2).append("\" width=\"")
        .append(WIDTH - 2 * PAD).append("\" height=\"").append(HEIGHT - 2 * PAD).append("\" class=\"plot\"/>")
        .append(text(4, PAD / 2 + 10, Html.number(maxLoss)))
        .append(text(4, HEIGHT - PAD + 4, "0"))
        .append(text(PAD, HEIGHT - 8, "epoch 1"))
        .append(text(WIDTH - PAD - 50, HEIGHT - 8, "epoch " + maxEpoch))
        .append(line("loss", loss));
    if (!accuracy.isEmpty()) {
      svg.append(line("accuracy", accuracy)).append(text(WIDTH - PAD + 2, PAD / 2 + 10, "1"));
    }
    svg.append("</svg><p class=\"legend\"><span class=\"key loss\"></span>loss")
        .append(accuracy.isEmpty() ? "" : " <span class=\"key accuracy\"></span>accuracy").append("</p>");
    return svg.toString();
  }

  private static String point(int epoch, int maxEpoch, double fraction) {
    double x = PAD + (maxEpoch == 1 ? 0.5 : (epoch - 1) / (double) (maxEpoch - 1)) * (WIDTH - 2 * PAD);
    double y = HEIGHT - PAD - fraction * (HEIGHT - 2 * PAD);
    return String.format(Locale.ROOT, "%.1f,%.1f", x, y);
  }

  private static String line(String series, List<String> points) {
    var out = new StringBuilder("<polyline class=\"").append(series).append("\" points=\"")
        .append(String.join(" ", points)).append("\"/>");
    for (String p : points) {
      String[] xy = p.split(",");
      out.append("<circle class=\"").append(series).append("\" cx=\"").append(xy[0]).append("\" cy=\"")
          .append(xy[1]).append("\" r=\"3\"/>");
    }
    return out.toString();
  }

  private static String text(int x, int y, String label) {
    return "<text x=\"" + x + "\" y=\"" + y + "\">" + Html.esc(label) + "</text>";
  }
}
