package io.strata.benchmarks.auth;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.signing.AppCredentials;
import io.strata.auth.signing.AppDirectory;
import io.strata.auth.signing.CanonicalRequest;
import io.strata.auth.signing.ContentHash;
import io.strata.auth.signing.RequestParts;
import io.strata.auth.signing.RequestSigner;
import io.strata.auth.signing.SignedHeaders;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Realistic signed API traffic: many apps in an in-memory directory (what a gateway's view of the
 * {@code apps} topic is) and a few request shapes of the serving and upload APIs, each request signed with
 * its own nonce, as clients send them.
 */
final class SignedTraffic {

  /** One request shape; the body is represented by its hash, as the gateway sees it before reading it. */
  record Shape(String method, String path, String query, ContentHash body) {}

  record App(String key, AppSecret secret, RequestSigner signer) {}

  static final List<Shape> SHAPES = List.of(
      new Shape("POST", "/v1/models/flower-classifier/predict", "stage=production&top_k=5", bodyHash(2_048, 1)),
      new Shape("GET", "/v1/models/flower-classifier/versions", "stage=staging&limit=20&page=3", ContentHash.EMPTY),
      new Shape("PUT", "/v1/samples/uploads/sha256%3A9f86d081884c7d65", "dataset=flowers&split=train&label=sunflower",
          bodyHash(200_000, 2)),
      new Shape("POST", "/v1/models/resnet-50/predict", "stage=production&explain=true&tag=b&tag=a", bodyHash(512, 3)));

  private final List<App> apps;
  private final Map<String, AppCredentials> directory = new ConcurrentHashMap<>();
  private final AtomicLong nonces = new AtomicLong(1L << 60);
  private final AtomicLong requests = new AtomicLong();

  SignedTraffic(int appCount, Clock clock) {
    var generator = new CredentialGenerator(new SecureRandom());
    apps = IntStream.range(0, appCount).mapToObj(i -> {
      String key = generator.newAppKey();
      AppSecret secret = generator.newSecret();
      directory.put(key, AppCredentials.active(key, "tenant-" + (i % 50), secret));
      return new App(key, secret, new RequestSigner(key, secret, clock, this::nextNonce));
    }).toList();
  }

  AppDirectory directory() {
    return key -> Optional.ofNullable(directory.get(key));
  }

  /** {@code count} freshly signed requests, spread over apps and shapes. Thread-safe. */
  SignedRequest[] sign(int count) {
    return IntStream.range(0, count).mapToObj(i -> {
      long n = requests.getAndIncrement();
      App app = apps.get((int) Math.floorMod(n * 7919, (long) apps.size()));
      Shape shape = SHAPES.get((int) (n % SHAPES.size()));
      SignedHeaders headers = app.signer().sign(shape.method(), shape.path(), shape.query(), shape.body());
      return new SignedRequest(app, shape, headers);
    }).toArray(SignedRequest[]::new);
  }

  /** A 24-character nonce like {@code NonceSource.secureRandom}'s, from a counter: signing is not measured. */
  private String nextNonce() {
    String digits = Long.toString(nonces.getAndIncrement(), 36);
    return "n".repeat(24 - digits.length()) + digits;
  }

  private static ContentHash bodyHash(int size, int seed) {
    byte[] body = new byte[size];
    new java.util.Random(seed).nextBytes(body);
    return ContentHash.of(body);
  }

  /**
   * A signed request as it reaches the gateway, two ways: (1) its headers in Netty's {@link DefaultHttpHeaders},
   * as the HTTP decoder under the Micronaut gateways leaves them, with the usual other headers of an API call,
   * read the way the gateways' adapter reads them ({@code request.getHeaders().getAll(name)}); (2) the five
   * signature headers' values already picked out, so that a lookup costs next to nothing and what is timed is
   * the verifier's own work.
   */
  static final class SignedRequest {

    final App app;
    final Shape shape;
    private final String timestamp;
    private final String nonce;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private final List<String> appKey;
    private final List<String> timestampHeader;
    private final List<String> nonceHeader;
    private final List<String> contentSha256;
    private final List<String> signature;

    SignedRequest(App app, Shape shape, SignedHeaders signed) {
      this.app = app;
      this.shape = shape;
      this.timestamp = Long.toString(signed.timestamp());
      this.nonce = signed.nonce();
      headers.add(HttpHeaderNames.HOST, "api.strata.example.com")
          .add(HttpHeaderNames.USER_AGENT, "strata-java/1.0")
          .add(HttpHeaderNames.ACCEPT, "application/json");
      signed.asMap().forEach(headers::add);
      if (!shape.body().equals(ContentHash.EMPTY)) {
        headers.add(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
      }
      appKey = List.of(signed.appKey());
      timestampHeader = List.of(timestamp);
      nonceHeader = List.of(nonce);
      contentSha256 = List.of(signed.contentSha256().hex());
      signature = List.of(signed.signature());
    }

    /** The request with its headers read from Netty's header map. */
    RequestParts parts() {
      return new RequestParts(shape.method(), shape.path(), shape.query(), headers::getAll);
    }

    /** The request with the signature headers' values picked out ahead: the verifier's work alone. */
    RequestParts extractedParts() {
      return new RequestParts(shape.method(), shape.path(), shape.query(), this::signatureHeader);
    }

    /** The verifier asks for the header names {@link SignedHeaders} defines, so identity finds them. */
    private List<String> signatureHeader(String name) {
      if (name == SignedHeaders.APP_KEY) {
        return appKey;
      } else if (name == SignedHeaders.TIMESTAMP) {
        return timestampHeader;
      } else if (name == SignedHeaders.NONCE) {
        return nonceHeader;
      } else if (name == SignedHeaders.CONTENT_SHA256) {
        return contentSha256;
      } else if (name == SignedHeaders.SIGNATURE) {
        return signature;
      }
      return headers.getAll(name);
    }

    /** The bytes the signature covers, for the bare-HMAC baseline. */
    byte[] canonicalBytes() {
      return new CanonicalRequest(shape.method(), shape.path(), shape.query(), shape.body(), Long.parseLong(timestamp),
          nonce, app.key()).bytes();
    }
  }
}
