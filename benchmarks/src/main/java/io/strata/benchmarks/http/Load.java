package io.strata.benchmarks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-loop load from {@code clients} keep-alive HTTP/1.1 connections: each sends its next request as soon
 * as it has read the previous answer. One selector thread drives all of them, as wrk does, so that the load
 * generator takes as little as possible of the CPU it shares with the server. Latency is from writing a request
 * to having read its whole response, in microseconds. Responses must carry a {@code Content-Length}.
 */
public final class Load implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Load.class);

  /** What one scenario measured. */
  public record Result(long requests, long errors, double seconds, Histogram latencyMicros) {
    public double perSecond() {
      return requests / seconds;
    }

    /** This result and {@code other} as one, e.g. the rounds of one scenario. */
    public Result plus(Result other) {
      Histogram histogram = latencyMicros.copy();
      histogram.add(other.latencyMicros);
      return new Result(requests + other.requests, errors + other.errors, seconds + other.seconds, histogram);
    }

    public double millis(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private final Selector selector;
  private final List<Connection> connections = new ArrayList<>();

  public Load(String host, int port, int clients) throws IOException {
    selector = Selector.open();
    for (int i = 0; i < clients; i++) {
      SocketChannel channel = SocketChannel.open(new InetSocketAddress(host, port));
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      var connection = new Connection(channel);
      channel.register(selector, 0, connection);
      connections.add(connection);
    }
  }

  /** Every client sends {@code request} over and over for {@code duration}. */
  public Result run(byte[] request, Duration duration) throws IOException {
    return run(() -> request, duration);
  }

  /**
   * Every client sends the next request from {@code requests} as soon as it has its previous answer, for
   * {@code duration}. Building a request happens before its latency clock starts.
   */
  public Result run(Supplier<byte[]> requests, Duration duration) throws IOException {
    var histogram = new Histogram(60_000_000L, 3);
    long[] counts = new long[2];
    long began = System.nanoTime();
    long deadline = began + duration.toNanos();
    for (Connection connection : connections) {
      connection.send(requests.get());
    }
    int busy = connections.size();
    while (busy > 0) {
      selector.select(100);
      for (SelectionKey key : selector.selectedKeys()) {
        Connection connection = (Connection) key.attachment();
        if (key.isWritable()) {
          connection.write();
        }
        if (key.isReadable() && connection.read()) {
          histogram.recordValue(Math.max(1, (System.nanoTime() - connection.sentAt) / 1000));
          counts[0]++;
          if (connection.status != 200) {
            counts[1]++;
          }
          if (System.nanoTime() < deadline) {
            connection.send(requests.get());
          } else {
            connection.key().interestOps(0);
            busy--;
          }
        }
      }
      selector.selectedKeys().clear();
    }
    return new Result(counts[0], counts[1], (System.nanoTime() - began) / 1e9, histogram);
  }

  /**
   * Warms every scenario up for {@code warmUp}, then runs {@code rounds} rounds in which the scenarios take
   * turns for {@code round} each, so that they all meet the machine alike; returns each scenario's rounds
   * combined, in the scenarios' order.
   */
  public Map<String, Result> rounds(Map<String, Supplier<byte[]>> scenarios, Duration warmUp, Duration round,
      int rounds) throws IOException {
    for (Supplier<byte[]> requests : scenarios.values()) {
      run(requests, warmUp);
    }
    var results = new LinkedHashMap<String, Result>();
    for (int i = 1; i <= rounds; i++) {
      for (var scenario : scenarios.entrySet()) {
        Result result = run(scenario.getValue(), round);
        log.info("Round {} of {}: {}: {} req/s, p50 {} ms, p99 {} ms, errors {}", i, rounds, scenario.getKey(),
            Math.round(result.perSecond()), result.millis(50), result.millis(99), result.errors());
        results.merge(scenario.getKey(), result, Result::plus);
      }
    }
    return results;
  }

  @Override
  public void close() throws IOException {
    for (Connection connection : connections) {
      connection.channel.close();
    }
    selector.close();
  }

  /** One connection's request in flight and the response being read. */
  private final class Connection {
    private final SocketChannel channel;
    private ByteBuffer out;
    private ByteBuffer in = ByteBuffer.allocate(16384);
    private long sentAt;
    private int status;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    SelectionKey key() {
      return channel.keyFor(selector);
    }

    void send(byte[] request) throws IOException {
      out = ByteBuffer.wrap(request);
      in.clear();
      sentAt = System.nanoTime();
      write();
    }

    void write() throws IOException {
      channel.write(out);
      key().interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what arrived; true once the whole response is in. */
    boolean read() throws IOException {
      if (!in.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
        in.flip();
        bigger.put(in);
        in = bigger;
      }
      if (channel.read(in) < 0) {
        throw new IOException("The server closed a connection");
      }
      int headEnd = headEnd();
      if (headEnd < 0) {
        return false;
      }
      String head = new String(in.array(), 0, headEnd, StandardCharsets.US_ASCII);
      int length = contentLength(head);
      if (in.position() < headEnd + length) {
        return false;
      }
      status = Integer.parseInt(head.substring(9, 12));
      return true;
    }

    private int headEnd() {
      byte[] bytes = in.array();
      for (int i = 3; i < in.position(); i++) {
        if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
          return i + 1;
        }
      }
      return -1;
    }

    private int contentLength(String head) {
      int at = head.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
      if (at < 0) {
        throw new IllegalStateException("Response without Content-Length: " + head);
      }
      return Integer.parseInt(head.substring(at + "content-length:".length(), head.indexOf('\r', at)).trim());
    }
  }
}
