package io.strata.trainer.builtin.inference;

import java.io.IOException;

/** An artifact that is not a built-in trainer's model this code can load; the message says what is wrong. */
public final class UnservableModelException extends IOException {

  public UnservableModelException(String message) {
    super(message);
  }

  public UnservableModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
