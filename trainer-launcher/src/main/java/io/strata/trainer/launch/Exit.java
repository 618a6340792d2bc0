package io.strata.trainer.launch;

import io.strata.events.TrainingOutcome;

/** How a launched job ended. */
public sealed interface Exit {

  /** Exit code 0; {@code outcome} is what the trainer reported on a {@code strata.outcome} line, or null. */
  record Succeeded(TrainingOutcome outcome) implements Exit {}

  /** Non-zero exit or a failed pod. */
  record Failed(String reason) implements Exit {}

  /** Stopped by {@link Launcher#cancel} or from outside. */
  record Cancelled(String reason) implements Exit {}
}
