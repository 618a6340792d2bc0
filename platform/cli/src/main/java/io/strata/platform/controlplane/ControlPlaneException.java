package io.strata.platform.controlplane;

/**
 * The control-plane API refused a request ({@code code} and {@code message} are the server's), or could not be
 * reached at all.
 */
public final class ControlPlaneException extends RuntimeException {

  /** Code of a registry that did not answer. */
  public static final String UNREACHABLE = "registry_unreachable";

  private final String code;
  private final int status;

  ControlPlaneException(int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  static ControlPlaneException unreachable(String url, Throwable cause) {
    return new ControlPlaneException(0, UNREACHABLE, "Cannot reach the registry at " + url
        + "; start the platform with ./strata up (or give --registry-url)", cause);
  }

  public String code() {
    return code;
  }

  /** The HTTP status, or 0 when the registry did not answer. */
  public int status() {
    return status;
  }
}
