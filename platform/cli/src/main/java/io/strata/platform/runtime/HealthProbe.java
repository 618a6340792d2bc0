package io.strata.platform.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether a component of {@code up} answers: an HTTP service when {@code GET <url>/health} gives 200, the SQL
 * endpoint ({@code jdbc:hive2://host:port/...}, which speaks Thrift, not HTTP) when its port accepts a connection.
 */
public final class HealthProbe {

  /** The scheme of the SQL endpoint's URL. */
  public static final String JDBC_HIVE2 = "jdbc:hive2://";

  private final HttpClient http;
  private final Duration timeout;

  public HealthProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Whether {@code url} serves HTTP (and so may serve {@code /metrics}); false for the SQL endpoint. */
  public static boolean isHttp(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  /**
   * True when the component answers in time; an {@link IOException} (refused, timed out) means "not yet".
   *
   * @throws InterruptedException when interrupted while waiting for the answer
   */
  public boolean healthy(String url) throws InterruptedException {
    try {
      if (url.startsWith(JDBC_HIVE2)) {
        return accepts(URI.create("tcp://" + url.substring(JDBC_HIVE2.length())));
      }
      var request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/health")).timeout(timeout).GET()
          .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private boolean accepts(URI address) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), (int) timeout.toMillis());
      return true;
    }
  }
}
