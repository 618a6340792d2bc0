package io.strata.platform.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The samples of one scrape in the Prometheus text format 0.0.4: {@code name{label="value",...} value}. Comment
 * lines and lines that do not parse are skipped (a summary must never fail on a metric it does not know).
 */
record PrometheusText(List<Sample> samples) {

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  PrometheusText {
    samples = List.copyOf(samples);
  }

  static PrometheusText parse(String text) {
    var samples = new ArrayList<Sample>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Sample sample = sample(trimmed);
      if (sample != null) {
        samples.add(sample);
      }
    }
    return new PrometheusText(samples);
  }

  /** The sum of the finite values of {@code name}'s samples that match, or empty when there is none. */
  OptionalDouble sum(String name, Predicate<Map<String, String>> labels) {
    double[] values = values(name, labels);
    return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(java.util.Arrays.stream(values).sum());
  }

  OptionalDouble sum(String name) {
    return sum(name, labels -> true);
  }

  /** The largest finite value of {@code name}'s samples that match, or empty when there is none. */
  OptionalDouble max(String name, Predicate<Map<String, String>> labels) {
    return java.util.Arrays.stream(values(name, labels)).max();
  }

  OptionalDouble max(String name) {
    return max(name, labels -> true);
  }

  private double[] values(String name, Predicate<Map<String, String>> labels) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name) && labels.test(sample.labels()))
        .mapToDouble(Sample::value)
        .filter(Double::isFinite)
        .toArray();
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    int rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      rest = labels(line, brace + 1, labels);
      if (rest < 0) {
        return null;
      }
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] valueAndTimestamp = line.substring(rest).strip().split("\\s+");
    try {
      return new Sample(name, Map.copyOf(labels), value(valueAndTimestamp[0]));
    } catch (NumberFormatException unparsable) {
      return null;
    }
  }

  /** Reads {@code a="x",b="y"}} from {@code start}; returns the index after the closing brace, or -1. */
  private static int labels(String line, int start, Map<String, String> labels) {
    int i = start;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i + 1;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int equals = line.indexOf('=', i);
      if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, equals);
      var value = new StringBuilder();
      int j = equals + 2;
      for (; j < line.length() && line.charAt(j) != '"'; j++) {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < line.length()) {
          char escaped = line.charAt(++j);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(v);
        }
      }
      if (j >= line.length()) {
        return -1;
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
    return -1;
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }
}
