package io.strata.registry.controlplane;

import java.util.Objects;

/** A refused or failed control-plane call: an HTTP status, a stable code and a message that says what to do. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiError invalid(String code, String message) {
    return new ApiError(422, code, message);
  }

  public static ApiError notFound(String code, String message) {
    return new ApiError(404, code, message);
  }
}
