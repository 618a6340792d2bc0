package io.strata.registry.schemas;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which earlier versions of a subject a new schema is checked against, and in which direction. Backward:
 * the new schema reads data written with the old; forward: the old reads data written with the new; full:
 * both. Transitive levels check every live version, the others only the latest.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** The accepted values, for messages. */
  public static final String ACCEPTED = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  boolean backward() {
    return backward;
  }

  boolean forward() {
    return forward;
  }

  boolean transitive() {
    return transitive;
  }

  /**
   * The level named {@code name}, case-insensitively.
   *
   * @throws RegistryException 42203 naming the accepted values
   */
  static CompatibilityLevel parse(String name) {
    if (name != null) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // not a level: answered below with the accepted values
      }
    }
    throw new RegistryException(ErrorCode.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level "
        + (name == null ? "(none given)" : "'" + name + "'") + ". Valid values are none, backward, forward, full, "
        + "backward_transitive, forward_transitive, and full_transitive");
  }
}
