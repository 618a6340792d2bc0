package io.strata.platform;

import java.util.Map;

/**
 * Where a setting comes from, in order: the command-line flag, then the environment variable, then the
 * default. A bad value names the variable and what it accepts.
 *
 * @param variables the environment variables (the process's, or a map in tests)
 */
public record Environment(Map<String, String> variables) {

  /** Data directory of every command. */
  public static final String DATA_DIR = "STRATA_DATA_DIR";

  public Environment {
    variables = Map.copyOf(variables);
  }

  /** This process's environment. */
  public static Environment system() {
    return new Environment(System.getenv());
  }

  /** The flag's value if given, else the variable's if set and not blank, else {@code defaultValue}. */
  public String resolve(String flagValue, String variable, String defaultValue) {
    if (flagValue != null) {
      return flagValue;
    }
    var fromEnvironment = variables.get(variable);
    return fromEnvironment == null || fromEnvironment.isBlank() ? defaultValue : fromEnvironment.trim();
  }

  /** As {@link #resolve(String, String, String)} for a TCP port. */
  public int resolvePort(Integer flagValue, String variable, int defaultValue) {
    if (flagValue != null) {
      return flagValue;
    }
    var text = resolve(null, variable, String.valueOf(defaultValue));
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException("out of range");
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Environment variable " + variable + "='" + text
          + "' is not a port; give a number between 1 and 65535 or unset it", e);
    }
  }
}
