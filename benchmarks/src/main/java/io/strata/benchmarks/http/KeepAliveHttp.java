package io.strata.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection that stays open and sends pre-built requests: far cheaper per request than a
 * general-purpose client, so that the load generator takes as little as possible of the CPU it shares with
 * the server. Reads responses that carry a {@code Content-Length}, which is all Micronaut sends here.
 */
public final class KeepAliveHttp implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final byte[] head = new byte[8192];
  private byte[] body = new byte[8192];

  public KeepAliveHttp(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16384);
  }

  /** A request with the given headers and, when {@code json} is not null, that JSON body. */
  public static byte[] request(String method, String path, java.util.Map<String, String> headers, String json) {
    var head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] content = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    if (json != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
    }
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headBytes.length + content.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(content, 0, request, headBytes.length, content.length);
    return request;
  }

  public static byte[] get(String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/vnd.schemaregistry.v1+json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] post(String path, String json) {
    byte[] content = json.getBytes(StandardCharsets.UTF_8);
    byte[] headers = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/vnd.schemaregistry.v1+json"
        + "\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\nContent-Length: " + content.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[headers.length + content.length];
    System.arraycopy(headers, 0, request, 0, headers.length);
    System.arraycopy(content, 0, request, headers.length, content.length);
    return request;
  }

  /** Sends {@code request}, reads the whole response, returns its status code. */
  public int send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    int length = readHead();
    String head = new String(this.head, 0, length, StandardCharsets.US_ASCII);
    int status = Integer.parseInt(head.substring(9, 12));
    int contentLength = contentLength(head);
    if (contentLength > body.length) {
      body = new byte[contentLength];
    }
    readFully(body, contentLength);
    return status;
  }

  /** Reads up to and including the blank line that ends the headers; returns the header length. */
  private int readHead() throws IOException {
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("The server closed the connection");
      }
      head[length++] = (byte) b;
      if (length >= 4 && head[length - 1] == '\n' && head[length - 2] == '\r' && head[length - 3] == '\n'
          && head[length - 4] == '\r') {
        return length;
      }
      if (length == head.length) {
        throw new IOException("Response headers longer than " + head.length + " bytes");
      }
    }
  }

  private static int contentLength(String head) {
    int at = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
    if (at < 0) {
      throw new IllegalStateException("Response without Content-Length: " + head);
    }
    int end = head.indexOf('\r', at);
    return Integer.parseInt(head.substring(at + "content-length:".length(), end).trim());
  }

  private void readFully(byte[] buffer, int length) throws IOException {
    int read = 0;
    while (read < length) {
      int n = in.read(buffer, read, length - read);
      if (n < 0) {
        throw new EOFException("The server closed the connection inside a response");
      }
      read += n;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
