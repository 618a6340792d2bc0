package io.strata.observability.http;

import java.util.Map;

/**
 * A component's health at one moment: up or down, with a few details (e.g. the state of each Streams application)
 * that {@code GET /health} renders as JSON strings.
 *
 * @param up whether the component does its job; {@code GET /health} answers 200 when up, else 503
 * @param details short, non-secret facts shown next to the status
 */
public record Health(boolean up, Map<String, String> details) {

  public Health {
    details = Map.copyOf(details);
  }

  /** Up, with no details. */
  public static Health healthy() {
    return new Health(true, Map.of());
  }
}
