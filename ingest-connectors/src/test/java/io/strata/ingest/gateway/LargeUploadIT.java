package io.strata.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.auth.signing.ContentHash;
import io.strata.ingest.gateway.GatewayFixture.App;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB upload through a gateway whose heap is 256 MB: the body streams to the blob store, never whole in
 * memory (with -XX:+ExitOnOutOfMemoryError the gateway would die instead of answering).
 */
class LargeUploadIT {

  private static final int WIDTH = 10_000;
  private static final int HEIGHT = 7_000;
  private static final long PIXEL_BYTES = (long) WIDTH * 3 * HEIGHT;
  private static final long SIZE = 54 + PIXEL_BYTES;

  @Test
  void shouldStoreA200MegabyteImageWithA256MegabyteHeap() throws Exception {
    try (var fixture = new GatewayFixture()) {
      App app = fixture.app("tenant-large", null);
      try (var gateway = GatewayProcess.start("large", "256m", fixture.gatewayProperties(Map.of(
          GatewaySettings.MAX_FILE_SIZE, "256MB")))) {
        String sha = sha256(bmp());
        URI uri = URI.create(gateway.url() + "/v1/samples?dataset=big");
        var request = HttpRequest.newBuilder(uri).header("Content-Type", "image/bmp")
            .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(LargeUploadIT::bmp),
                SIZE));
        app.signer().sign("POST", uri, ContentHash.ofHex(sha)).asMap().forEach(request::header);
        var response = fixture.http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        var body = new ObjectMapper().readTree(response.body());
        assertThat(body.path("sampleId").asText()).isEqualTo(sha);
        assertThat(body.path("sizeBytes").asLong()).isEqualTo(SIZE);
        assertThat(body.path("width").asInt()).isEqualTo(WIDTH);
        assertThat(body.path("height").asInt()).isEqualTo(HEIGHT);
        assertThat(gateway.alive()).isTrue();
        Path blob = fixture.blobs.resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(Files.size(blob)).isEqualTo(SIZE);
      }
    }
  }

  /** A 24-bit BMP of WIDTH x HEIGHT: a 54-byte header, then rows of a gradient, generated as it is read. */
  private static InputStream bmp() {
    byte[] header = new byte[54];
    header[0] = 'B';
    header[1] = 'M';
    le32(header, 2, SIZE);
    le32(header, 10, 54);
    le32(header, 14, 40);
    le32(header, 18, WIDTH);
    le32(header, 22, HEIGHT);
    header[26] = 1;
    header[28] = 24;
    le32(header, 34, PIXEL_BYTES);
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (position >= SIZE) {
          return -1;
        }
        int n = (int) Math.min(length, SIZE - position);
        for (int i = 0; i < n; i++, position++) {
          buffer[offset + i] = position < 54 ? header[(int) position] : (byte) (position % 251);
        }
        return n;
      }
    };
  }

  private static void le32(byte[] bytes, int at, long value) {
    for (int i = 0; i < 4; i++) {
      bytes[at + i] = (byte) (value >>> (8 * i));
    }
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      try (var hashing = new DigestInputStream(in, digest)) {
        hashing.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
