package io.strata.auth.apps;

/** A view did not reach a position (caught up, or a written record applied) within the time allowed. */
public final class ViewTimeoutException extends RuntimeException {

  ViewTimeoutException(String message) {
    super(message);
  }
}
