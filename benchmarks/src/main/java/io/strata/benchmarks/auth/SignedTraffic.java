package io.strata.benchmarks.auth;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.secrets.CredentialGenerator;
import io.strata.auth.signing.AppCredentials;
import io.strata.auth.signing.AppDirectory;
import io.strata.auth.signing.CanonicalRequest;
import io.strata.auth.signing.ContentHash;
import io.strata.auth.signing.HeaderLookup;
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
      return new SignedRequest(app, shape, Long.toString(headers.timestamp()), headers.nonce(), headers.signature());
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

  /** A signed request as it reaches the gateway, its headers read as an HTTP layer would answer them. */
  static final class SignedRequest implements HeaderLookup {

    final App app;
    final Shape shape;
    private final String timestamp;
    private final String nonce;
    private final String signature;

    SignedRequest(App app, Shape shape, String timestamp, String nonce, String signature) {
      this.app = app;
      this.shape = shape;
      this.timestamp = timestamp;
      this.nonce = nonce;
      this.signature = signature;
    }

    RequestParts parts() {
      return new RequestParts(shape.method(), shape.path(), shape.query(), this);
    }

    /** The bytes the signature covers, for the bare-HMAC baseline. */
    byte[] canonicalBytes() {
      return new CanonicalRequest(shape.method(), shape.path(), shape.query(), shape.body(), Long.parseLong(timestamp),
          nonce, app.key()).bytes();
    }

    @Override
    public List<String> values(String name) {
      if (name.equalsIgnoreCase(SignedHeaders.APP_KEY)) {
        return List.of(app.key());
      }
      if (name.equalsIgnoreCase(SignedHeaders.TIMESTAMP)) {
        return List.of(timestamp);
      }
      if (name.equalsIgnoreCase(SignedHeaders.NONCE)) {
        return List.of(nonce);
      }
      if (name.equalsIgnoreCase(SignedHeaders.CONTENT_SHA256)) {
        return List.of(shape.body().hex());
      }
      if (name.equalsIgnoreCase(SignedHeaders.SIGNATURE)) {
        return List.of(signature);
      }
      return List.of();
    }
  }
}
