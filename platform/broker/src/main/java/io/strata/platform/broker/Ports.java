package io.strata.platform.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Port checks made before a component starts, so that a taken port gives an error a person can act on,
 * and free ports for tests.
 */
public final class Ports {

  private Ports() {}

  /**
   * Fails with a {@link PortInUseException} when {@code port} cannot be bound on {@code host}.
   *
   * @param component what wanted the port, e.g. {@code "schema registry"}
   * @param flag the command-line flag that chooses another port, named in the message
   */
  public static void requireFree(String host, int port, String component, String flag) {
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new PortInUseException(port, "Cannot start the " + component + ": port " + port + " on " + host
          + " is already in use (" + e.getMessage() + "). Stop whatever listens there, or choose another port with "
          + flag + " <port>.", e);
    }
  }

  /** A loopback port that was free a moment ago, for tests and for the shared test broker. */
  public static int free() {
    return free(1).get(0);
  }

  /** {@code count} different loopback ports that were free a moment ago. */
  public static List<Integer> free(int count) {
    var sockets = new ArrayList<ServerSocket>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find " + count + " free local ports", e);
    } finally {
      sockets.forEach(Ports::release);
    }
  }

  private static void release(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release probe socket on port " + socket.getLocalPort(), e);
    }
  }
}
