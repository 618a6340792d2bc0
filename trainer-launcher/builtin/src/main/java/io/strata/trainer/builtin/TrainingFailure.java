package io.strata.trainer.builtin;

/**
 * A reason the training run cannot succeed that the user can act on (no items, a missing blob, a single class...):
 * {@link TrainMain} prints its message as the {@code strata.error} line and exits with status 2.
 */
public final class TrainingFailure extends RuntimeException {

  public TrainingFailure(String message) {
    super(message);
  }

  public TrainingFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
