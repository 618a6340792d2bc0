package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.VerificationResult.Rejected;
import io.strata.auth.signing.VerificationResult.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {

  static final Instant NOW = Instant.ofEpochSecond(1_767_225_600L);
  static final String APP = "ak_4Fz9QmT2xLp8RcV1bN6w";
  static final String OTHER_APP = "ak_Q7wE2rT9yU4iO1pA6sD3";
  static final String TWIN_APP = "ak_Z8xC5vB2nM7lK4jH1gF6";
  static final AppSecret SECRET = AppSecret.of("Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q");
  static final AppSecret OTHER_SECRET = AppSecret.of("Hn3kVb8Qx1ZrT6yW0pLm4sJd9aFc2uEg7oKi5tRw_-B");
  static final String PATH = "/v1/models/flower-classifier/predict";
  static final String QUERY = "stage=production&top_k=5";
  static final byte[] BODY = "{\"sampleId\":\"a3f1\"}".getBytes(StandardCharsets.UTF_8);

  private final MutableClock clock = new MutableClock(NOW);
  private final Map<String, AppCredentials> apps = new HashMap<>(Map.of(
      APP, AppCredentials.active(APP, "tenant-a", SECRET),
      OTHER_APP, AppCredentials.active(OTHER_APP, "tenant-b", OTHER_SECRET),
      TWIN_APP, AppCredentials.active(TWIN_APP, "tenant-b", SECRET)));
  private final AtomicLong nonceCounter = new AtomicLong();
  private final List<byte[][]> comparisons = new ArrayList<>();
  private final SignatureVerifier verifier = new SignatureVerifier(
      key -> Optional.ofNullable(apps.get(key)), clock, VerifierSettings.defaults(), new SecureRandom(),
      (expected, presented) -> {
        comparisons.add(new byte[][] {expected, presented});
        return MessageDigest.isEqual(expected, presented);
      });

  @Test
  void shouldVerifyACorrectlySignedRequestAndScopeItToTheAppsTenant() {
    var result = verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, APP)), BODY);

    assertThat(result).isEqualTo(new Verified(APP, "tenant-a", ContentHash.of(BODY), false));
  }

  @Test
  void shouldMatchHeaderNamesWhateverTheirCase() {
    Map<String, String> lowerCase = new LinkedHashMap<>();
    sign(SECRET, APP).forEach((name, value) -> lowerCase.put(name.toLowerCase(java.util.Locale.ROOT), value));

    assertThat(verifier.verify(parts("POST", PATH, QUERY, lowerCase))).isInstanceOf(Verified.class);
  }

  @Test
  void shouldVerifyWhenTheServerSeesAnEquivalentEncodingOfThePathAndQuery() {
    Map<String, String> headers = sign("post", "/v1/models/%7Eflower/./predict", "top_k=5&stage=produc%74ion", SECRET, APP);

    var result = verifier.verify(parts("POST", "/v1/models/~flower/predict", "stage=production&top_k=5", headers));

    assertThat(result).isInstanceOf(Verified.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {SignedHeaders.APP_KEY, SignedHeaders.TIMESTAMP, SignedHeaders.NONCE,
      SignedHeaders.CONTENT_SHA256, SignedHeaders.SIGNATURE})
  void shouldNameTheMissingHeader(String header) {
    Map<String, String> headers = sign(SECRET, APP);
    headers.remove(header);

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, headers)), RejectionCode.MISSING_SIGNATURE_HEADER, 401)
        .satisfies(r -> assertThat(r.message()).startsWith("Header " + header + " is missing"));
  }

  static Stream<Arguments> malformedHeaders() {
    return Stream.of(
        Arguments.of(SignedHeaders.APP_KEY, "ak key!"),
        Arguments.of(SignedHeaders.APP_KEY, "ak_" + "x".repeat(62)),
        Arguments.of(SignedHeaders.TIMESTAMP, "-1767225600"),
        Arguments.of(SignedHeaders.TIMESTAMP, "01767225600"),
        Arguments.of(SignedHeaders.TIMESTAMP, "1767225600.5"),
        Arguments.of(SignedHeaders.TIMESTAMP, "2026-01-01T00:00:00Z"),
        Arguments.of(SignedHeaders.TIMESTAMP, "1767225600000000"),
        Arguments.of(SignedHeaders.NONCE, "tooShort"),
        Arguments.of(SignedHeaders.NONCE, "n".repeat(65)),
        Arguments.of(SignedHeaders.NONCE, "nonce+with/slash="),
        Arguments.of(SignedHeaders.CONTENT_SHA256, ContentHash.of(BODY).hex().toUpperCase(java.util.Locale.ROOT)),
        Arguments.of(SignedHeaders.CONTENT_SHA256, "abc"),
        Arguments.of(SignedHeaders.SIGNATURE, "f11e5a47c7e71e8bab42619f97417190ddad3332ef87ac3aee81df22f80e5f9"),
        Arguments.of(SignedHeaders.SIGNATURE, "8R5aR8fnHouqQmGfl0FxkN2tMzLvh6w67oHfIvgOX5c="),
        // Characters beyond ASCII, one whose low byte is a hex digit ('\u0130' & 0xFF is '0'): never hex.
        Arguments.of(SignedHeaders.SIGNATURE, "\u0130" + "0".repeat(63)),
        Arguments.of(SignedHeaders.SIGNATURE, "\u00e9" + "0".repeat(63)),
        Arguments.of(SignedHeaders.CONTENT_SHA256, "\u0161" + "0".repeat(63)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformedHeaders")
  void shouldNameTheMalformedHeaderAndItsRuleWithoutEchoingIt(String header, String value) {
    Map<String, String> headers = sign(SECRET, APP);
    headers.put(header, value);

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, headers)), RejectionCode.MALFORMED_SIGNATURE_HEADER, 401)
        .satisfies(r -> assertThat(r.message()).startsWith("Header " + header + " must be").doesNotContain(value));
  }

  @Test
  void shouldRefuseASignatureHeaderSentTwice() {
    Map<String, String> headers = sign(SECRET, APP);
    HeaderLookup single = HeaderLookup.of(headers);
    HeaderLookup repeated = name -> name.equals(SignedHeaders.SIGNATURE)
        ? List.of(headers.get(SignedHeaders.SIGNATURE), "0".repeat(64)) : single.values(name);

    var result = verifier.verify(new RequestParts("POST", PATH, QUERY, repeated));

    assertRejected(result, RejectionCode.MALFORMED_SIGNATURE_HEADER, 401)
        .satisfies(r -> assertThat(r.message()).contains(SignedHeaders.SIGNATURE + " appears more than once"));
  }

  static Stream<Arguments> tamperings() {
    return Stream.of(
        tampering("method", r -> r.with("PUT", r.path, r.query, r.headers)),
        tampering("path", r -> r.with(r.method, "/v1/models/other-model/predict", r.query, r.headers)),
        tampering("path trailing slash", r -> r.with(r.method, PATH + "/", r.query, r.headers)),
        tampering("query param stage", r -> r.with(r.method, r.path, "stage=staging&top_k=5", r.headers)),
        tampering("query param top_k", r -> r.with(r.method, r.path, "stage=production&top_k=500", r.headers)),
        tampering("query param added", r -> r.with(r.method, r.path, QUERY + "&debug=true", r.headers)),
        tampering("query param removed", r -> r.with(r.method, r.path, "stage=production", r.headers)),
        tampering("query param renamed", r -> r.with(r.method, r.path, "stage=production&top_n=5", r.headers)),
        tampering("body hash", r -> r.withHeader(SignedHeaders.CONTENT_SHA256, ContentHash.of("{}".getBytes()).hex())),
        tampering("timestamp", r -> r.withHeader(SignedHeaders.TIMESTAMP, Long.toString(NOW.getEpochSecond() - 1))),
        tampering("nonce", r -> r.withHeader(SignedHeaders.NONCE, "n0nceFromSomewhereElse")),
        tampering("app key, other app", r -> r.withHeader(SignedHeaders.APP_KEY, OTHER_APP)),
        tampering("app key, app with the same secret", r -> r.withHeader(SignedHeaders.APP_KEY, TWIN_APP)),
        tampering("signature, first byte", r -> r.withHeader(SignedHeaders.SIGNATURE,
            flipHexDigit(r.headers.get(SignedHeaders.SIGNATURE), 0))),
        tampering("signature, last byte", r -> r.withHeader(SignedHeaders.SIGNATURE,
            flipHexDigit(r.headers.get(SignedHeaders.SIGNATURE), 63))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void shouldRejectARequestWithAnySignedPartTamperedWith(String part, UnaryOperator<Req> tamper) {
    Req genuine = new Req("POST", PATH, QUERY, sign(SECRET, APP));
    Req tampered = tamper.apply(genuine);

    assertRejected(verifier.verify(tampered.parts()), RejectionCode.SIGNATURE_MISMATCH, 401);
    assertThat(verifier.verify(genuine.parts())).as("the genuine request still passes").isInstanceOf(Verified.class);
  }

  @Test
  void shouldExplainAMismatchWithoutRevealingTheExpectedSignatureOrCanonicalRequest() {
    Map<String, String> headers = sign(SECRET, APP);
    String expected = headers.get(SignedHeaders.SIGNATURE);
    headers.put(SignedHeaders.SIGNATURE, flipHexDigit(expected, 10));

    var result = verifier.verify(parts("GET", PATH, QUERY, headers));

    assertRejected(result, RejectionCode.SIGNATURE_MISMATCH, 401);
    Rejected rejected = (Rejected) result;

    assertThat(rejected.message())
        .contains("HMAC-SHA256", "STRATA-HMAC-SHA256", "normalised path", "sorted query", SignedHeaders.NONCE)
        .doesNotContain(expected, SECRET.reveal(), PATH, "stage=production", headers.get(SignedHeaders.NONCE));
  }

  @Test
  void shouldRejectASignatureMadeWithAnotherSecret() {
    assertRejected(verifier.verify(parts("POST", PATH, QUERY, sign(OTHER_SECRET, APP))), RejectionCode.SIGNATURE_MISMATCH, 401);
  }

  @Test
  void shouldRejectAnUnknownAppKey() {
    var result = verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, "ak_unknownUnknown0000")));

    assertRejected(result, RejectionCode.UNKNOWN_APP_KEY, 401)
        .satisfies(r -> assertThat(r.message()).contains("'ak_unknownUnknown0000' is not known"));
  }

  @Test
  void shouldRejectTheKeyOfAnAppThatWasDeleted() {
    Map<String, String> headers = sign(SECRET, APP);
    apps.remove(APP);

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, headers)), RejectionCode.UNKNOWN_APP_KEY, 401);
  }

  @Test
  void shouldRejectTheSecondUseOfANonce() {
    Map<String, String> headers = sign(SECRET, APP);
    assertThat(verifier.verify(parts("POST", PATH, QUERY, headers))).isInstanceOf(Verified.class);
    clock.advance(Duration.ofSeconds(299));

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, headers)), RejectionCode.NONCE_REPLAYED, 401)
        .satisfies(r -> assertThat(r.message()).contains("fresh random nonce"));
  }

  @Test
  void shouldRefuseAReplayAfterTheWindowByItsTimestamp() {
    Map<String, String> headers = sign(SECRET, APP);
    assertThat(verifier.verify(parts("POST", PATH, QUERY, headers))).isInstanceOf(Verified.class);
    clock.advance(Duration.ofSeconds(301));

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, headers)), RejectionCode.TIMESTAMP_OUT_OF_WINDOW, 401);
  }

  @Test
  void shouldScopeNoncesPerAppKey() {
    nonceCounter.set(41);
    Map<String, String> mine = sign(SECRET, APP);
    nonceCounter.set(41);
    Map<String, String> theirs = sign(OTHER_SECRET, OTHER_APP);

    assertThat(mine.get(SignedHeaders.NONCE)).isEqualTo(theirs.get(SignedHeaders.NONCE));
    assertThat(verifier.verify(parts("POST", PATH, QUERY, mine))).isInstanceOf(Verified.class);
    assertThat(verifier.verify(parts("POST", PATH, QUERY, theirs))).isInstanceOf(Verified.class);
  }

  @Test
  void shouldNotLetAForgedRequestBurnTheNonceOfAGenuineOne() {
    Map<String, String> genuine = sign(SECRET, APP);
    Map<String, String> forged = new LinkedHashMap<>(genuine);
    forged.put(SignedHeaders.SIGNATURE, "0".repeat(64));

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, forged)), RejectionCode.SIGNATURE_MISMATCH, 401);
    assertThat(verifier.verify(parts("POST", PATH, QUERY, genuine))).isInstanceOf(Verified.class);
  }

  @ParameterizedTest(name = "client clock off by {0} s")
  @ValueSource(longs = {-300, -1, 0, 1, 300})
  void shouldAcceptTimestampsWithinTheSkewWindowOnEitherSide(long skew) {
    var result = verifier.verify(parts("POST", PATH, QUERY, signAt(NOW.plusSeconds(skew), SECRET, APP)));

    assertThat(result).isInstanceOf(Verified.class);
  }

  @ParameterizedTest(name = "client clock off by {0} s")
  @ValueSource(longs = {-301, -86_400, 301, 86_400})
  void shouldRejectTimestampsBeyondTheSkewWindowOnEitherSideAndTellTheServerTime(long skew) {
    var result = verifier.verify(parts("POST", PATH, QUERY, signAt(NOW.plusSeconds(skew), SECRET, APP)));

    assertRejected(result, RejectionCode.TIMESTAMP_OUT_OF_WINDOW, 401).satisfies(r -> assertThat(r.message())
        .contains("server time " + NOW.getEpochSecond(), Math.abs(skew) + " s " + (skew < 0 ? "behind" : "ahead of"),
            "within 300 s"));
  }

  @Test
  void shouldAcceptTheRetiredSecretUntilItsGraceEnds() {
    Instant graceEnd = NOW.plus(Duration.ofHours(24));
    apps.put(APP, apps.get(APP).rotatedTo(OTHER_SECRET, graceEnd));
    clock.set(graceEnd.minusMillis(1));

    var old = verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, APP)));
    var fresh = verifier.verify(parts("POST", PATH, QUERY, sign(OTHER_SECRET, APP)));

    assertThat(old).isEqualTo(new Verified(APP, "tenant-a", ContentHash.of(BODY), true));
    assertThat(fresh).isEqualTo(new Verified(APP, "tenant-a", ContentHash.of(BODY), false));
  }

  @Test
  void shouldRefuseTheRetiredSecretFromTheEndOfItsGrace() {
    Instant graceEnd = NOW.plus(Duration.ofHours(24));
    apps.put(APP, apps.get(APP).rotatedTo(OTHER_SECRET, graceEnd));
    clock.set(graceEnd);

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, APP))), RejectionCode.SIGNATURE_MISMATCH, 401);
    assertThat(verifier.verify(parts("POST", PATH, QUERY, sign(OTHER_SECRET, APP)))).isInstanceOf(Verified.class);
  }

  @Test
  void shouldRefuseABlockedAppsSignedRequestsWithTheOperatorsReason() {
    apps.put(APP, apps.get(APP).blocked("monthly quota of 1000000 units exhausted"));

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, APP))), RejectionCode.APP_BLOCKED, 403)
        .satisfies(r -> assertThat(r.message()).contains(APP, "is blocked: monthly quota of 1000000 units exhausted"));
  }

  @Test
  void shouldNotRevealThatAnAppIsBlockedToACallerWhoCannotSignForIt() {
    apps.put(APP, apps.get(APP).blocked("suspected abuse, ticket 4711"));

    var forged = verifier.verify(parts("POST", PATH, QUERY, sign(OTHER_SECRET, APP)));

    assertRejected(forged, RejectionCode.SIGNATURE_MISMATCH, 401)
        .satisfies(r -> assertThat(r.message()).doesNotContain("blocked", "4711"));
  }

  @Test
  void shouldAnswerAReplayOfABlockedAppsRequestAsAReplayNotWithTheReason() {
    apps.put(APP, apps.get(APP).blocked("suspected abuse, ticket 4711"));
    Map<String, String> captured = sign(SECRET, APP);
    assertRejected(verifier.verify(parts("POST", PATH, QUERY, captured)), RejectionCode.APP_BLOCKED, 403);

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, captured)), RejectionCode.NONCE_REPLAYED, 401)
        .satisfies(r -> assertThat(r.message()).doesNotContain("4711"));
  }

  @Test
  void shouldCheckTheTimestampBeforeLookingTheAppUp() {
    var result = verifier.verify(parts("POST", PATH, QUERY, signAt(NOW.minusSeconds(3600), SECRET, "ak_unknownUnknown0000")));

    assertRejected(result, RejectionCode.TIMESTAMP_OUT_OF_WINDOW, 401);
  }

  @Test
  void shouldRejectABodyThatIsNotTheSignedOne() {
    var result = verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, APP)), "{\"sampleId\":\"ffff\"}".getBytes());

    assertRejected(result, RejectionCode.CONTENT_HASH_MISMATCH, 400)
        .satisfies(r -> assertThat(r.message()).contains(SignedHeaders.CONTENT_SHA256));
  }

  @Test
  void shouldCheckAStreamedBodyAfterAuthenticatingItsHeaders() {
    var verified = (Verified) verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, APP)));
    BodyCheck check = verified.bodyCheck();
    for (int offset = 0; offset < BODY.length; offset += 4) {
      check.update(BODY, offset, Math.min(4, BODY.length - offset));
    }

    assertThat(check.finish()).isEqualTo(verified);
    BodyCheck truncated = verified.bodyCheck();
    truncated.update(BODY, 0, BODY.length - 1);
    assertRejected(truncated.finish(), RejectionCode.CONTENT_HASH_MISMATCH, 400);
  }

  @Test
  void shouldPreferASignatureMismatchOverABodyMismatch() {
    Map<String, String> headers = sign(OTHER_SECRET, APP);

    assertRejected(verifier.verify(parts("POST", PATH, QUERY, headers), new byte[] {1}), RejectionCode.SIGNATURE_MISMATCH, 401);
  }

  @Test
  void shouldDecideEverySignatureThroughTheConstantTimeComparisonOfFullLengthMacs() {
    Map<String, String> good = sign(SECRET, APP);
    Map<String, String> bad = sign(SECRET, APP);
    bad.put(SignedHeaders.SIGNATURE, flipHexDigit(bad.get(SignedHeaders.SIGNATURE), 0));

    verifier.verify(parts("POST", PATH, QUERY, good));
    verifier.verify(parts("POST", PATH, QUERY, bad));

    assertThat(comparisons).hasSize(2).allSatisfy(pair -> {
      assertThat(pair[0]).hasSize(32);
      assertThat(pair[1]).hasSize(32);
    });
  }

  @Test
  void shouldTryBothSecretsDuringGraceWhicheverMatches() {
    apps.put(APP, apps.get(APP).rotatedTo(OTHER_SECRET, NOW.plusSeconds(60)));

    verifier.verify(parts("POST", PATH, QUERY, sign(OTHER_SECRET, APP)));
    verifier.verify(parts("POST", PATH, QUERY, sign(SECRET, APP)));

    assertThat(comparisons).as("two comparisons per request, even when the current secret matched").hasSize(4);
  }

  @Test
  void shouldMapEveryCodeToItsHttpStatus() {
    assertThat(RejectionCode.values()).allSatisfy(code -> assertThat(code.httpStatus())
        .isEqualTo(switch (code) {
          case APP_BLOCKED -> 403;
          case CONTENT_HASH_MISMATCH -> 400;
          default -> 401;
        }));
  }

  private static org.assertj.core.api.ObjectAssert<Rejected> assertRejected(
      VerificationResult result, RejectionCode code, int status) {
    assertThat(result).isInstanceOf(Rejected.class);
    Rejected rejected = (Rejected) result;
    assertThat(rejected.code()).isEqualTo(code);
    assertThat(rejected.httpStatus()).isEqualTo(status);
    return assertThat(rejected);
  }

  private Map<String, String> sign(AppSecret secret, String appKey) {
    return sign("POST", PATH, QUERY, secret, appKey);
  }

  private Map<String, String> sign(String method, String path, String query, AppSecret secret, String appKey) {
    var signer = new RequestSigner(appKey, secret, clock, this::nextNonce);
    return new LinkedHashMap<>(signer.sign(method, path, query, ContentHash.of(BODY)).asMap());
  }

  private Map<String, String> signAt(Instant time, AppSecret secret, String appKey) {
    var signer = new RequestSigner(appKey, secret, new MutableClock(time), this::nextNonce);
    return new LinkedHashMap<>(signer.sign("POST", PATH, QUERY, ContentHash.of(BODY)).asMap());
  }

  private String nextNonce() {
    return String.format("nonce-%016d", nonceCounter.incrementAndGet());
  }

  private static RequestParts parts(String method, String path, String query, Map<String, String> headers) {
    return new RequestParts(method, path, query, HeaderLookup.of(headers));
  }

  private static Arguments tampering(String part, UnaryOperator<Req> tamper) {
    return Arguments.of(part, tamper);
  }

  private static String flipHexDigit(String hex, int index) {
    char flipped = hex.charAt(index) == '0' ? '1' : '0';
    return hex.substring(0, index) + flipped + hex.substring(index + 1);
  }

  /** A request as it reaches the gateway, to be tampered with. */
  record Req(String method, String path, String query, Map<String, String> headers) {

    Req with(String method, String path, String query, Map<String, String> headers) {
      return new Req(method, path, query, headers);
    }

    Req withHeader(String name, String value) {
      Map<String, String> changed = new LinkedHashMap<>(headers);
      changed.put(name, value);
      return new Req(method, path, query, changed);
    }

    RequestParts parts() {
      return SignatureVerifierTest.parts(method, path, query, headers);
    }
  }
}
