package io.strata.platform.broker;

/**
 * A port Strata was told to listen on is taken. The message names the port and the flag that changes it.
 */
public final class PortInUseException extends RuntimeException {

  private final int port;

  PortInUseException(int port, String message, Throwable cause) {
    super(message, cause);
    this.port = port;
  }

  /** The port that is taken. */
  public int port() {
    return port;
  }
}
