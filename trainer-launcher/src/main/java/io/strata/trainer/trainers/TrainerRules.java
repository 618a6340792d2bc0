package io.strata.trainer.trainers;

import io.strata.events.TrainerFramework;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules a custom trainer's fields follow; each check answers what is wrong, or empty when it is fine. */
public final class TrainerRules {

  /** The built-in trainer's name; no custom trainer may take it. */
  public static final String BUILTIN = "builtin";
  /** Largest network code archive accepted: 512 MiB. */
  public static final long MAX_CODE_BYTES = 512L << 20;
  /** Largest base weights file accepted: 16 GiB. */
  public static final long MAX_WEIGHTS_BYTES = 16L << 30;
  /** At most this many command arguments. */
  public static final int MAX_COMMAND_ARGS = 256;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private TrainerRules() {}

  /** Why {@code name} is not a valid trainer name, if it is not. */
  public static Optional<String> nameProblem(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.of("must match [a-z0-9][a-z0-9-]{0,62} (lower-case letters, digits and '-', at most 63), got '"
          + name + "'");
    }
    if (name.equals(BUILTIN)) {
      return Optional.of("'" + BUILTIN + "' is reserved for the built-in trainer; choose another name");
    }
    return Optional.empty();
  }

  /** Why {@code command} cannot be run, if it cannot. */
  public static Optional<String> commandProblem(List<String> command) {
    if (command == null || command.isEmpty()) {
      return Optional.of("must be a non-empty array of strings, e.g. [\"sh\",\"train.sh\"]");
    }
    if (command.size() > MAX_COMMAND_ARGS) {
      return Optional.of("has " + command.size() + " arguments; at most " + MAX_COMMAND_ARGS);
    }
    if (command.get(0).isBlank()) {
      return Optional.of("must start with the program to run, got a blank first element");
    }
    if (command.stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
      return Optional.of("must not contain NUL characters");
    }
    return Optional.empty();
  }

  /** The framework named {@code text} (case-insensitive). */
  public static Optional<TrainerFramework> framework(String text) {
    return Arrays.stream(TrainerFramework.values()).filter(f -> f.name().equalsIgnoreCase(text)).findFirst();
  }

  /** The frameworks a request may name, for messages. */
  public static List<String> frameworks() {
    return Arrays.stream(TrainerFramework.values()).map(Enum::name).toList();
  }

  /** The view and topic key of trainer {@code name} of {@code tenantId}. */
  public static String key(String tenantId, String name) {
    return tenantId + "/" + name;
  }
}
