package io.strata.auth.signing;

import io.strata.auth.secrets.AppSecret;
import io.strata.auth.signing.PresentedSignature.InvalidHeaderException;
import io.strata.auth.signing.VerificationResult.Rejected;
import io.strata.auth.signing.VerificationResult.Verified;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request was signed by the holder of an app's secret (gateway side, docs/signing.md).
 * A pure decision over the request's parts, the {@link AppDirectory} and the clock; the only state is the
 * gateway's {@link NonceCache}. Thread-safe.
 *
 * <p>Checks run in this order, so that a caller who cannot sign for an app learns nothing about it beyond
 * whether its key exists: the headers' syntax, the timestamp against the skew window, the app key, the
 * signature (compared in constant time against the current secret and, during a rotation's grace period,
 * the retired one), then — only for a correct signature — the nonce (recorded only then, so unsigned
 * traffic cannot fill the cache) and the app's blocked status.
 */
public final class SignatureVerifier {

  private static final Logger log = LoggerFactory.getLogger(SignatureVerifier.class);

  private final AppDirectory directory;
  private final Clock clock;
  private final long windowSeconds;
  private final NonceCache nonces;
  private final BiPredicate<byte[], byte[]> constantTimeEquals;

  /**
   * A verifier for one gateway instance, with its own nonce cache.
   *
   * @param directory where apps are looked up, on the request thread
   * @param clock the server clock the skew window and rotation grace are measured against
   * @param settings skew window and nonce capacity
   */
  public SignatureVerifier(AppDirectory directory, Clock clock, VerifierSettings settings) {
    // The random only keys the nonce cache's hash, so that callers cannot aim nonces at one slot.
    this(directory, clock, settings, new SecureRandom(), MessageDigest::isEqual);
  }

  SignatureVerifier(AppDirectory directory, Clock clock, VerifierSettings settings, SecureRandom random,
      BiPredicate<byte[], byte[]> constantTimeEquals) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.windowSeconds = settings.skewWindow().getSeconds();
    this.nonces = new NonceCache(settings.skewWindow(), settings.nonceCapacity(), random);
    this.constantTimeEquals = constantTimeEquals;
  }

  /**
   * Authenticates a request from its method, path, query and headers, before its body is read. A
   * {@link Verified} result still requires the body to be checked against the signed hash, with
   * {@link Verified#bodyCheck()} while streaming or {@link #verify(RequestParts, byte[])} when it is at hand.
   */
  public VerificationResult verify(RequestParts request) {
    CanonicalBuffer canonical = CanonicalBuffer.forThisThread();
    PresentedSignature presented;
    try {
      presented = PresentedSignature.parse(request.headers(), canonical);
    } catch (InvalidHeaderException e) {
      return rejected(e.rejection(), null);
    }
    Instant now = clock.instant();
    long nowSeconds = now.getEpochSecond();
    long timestamp = presented.epochSeconds();
    if (Math.abs(nowSeconds - timestamp) > windowSeconds) {
      return rejected(Rejections.outOfWindow(timestamp, nowSeconds, windowSeconds), presented.appKey());
    }
    Optional<AppCredentials> found = directory.find(presented.appKey());
    if (found.isEmpty()) {
      return rejected(Rejections.unknownAppKey(presented.appKey()), presented.appKey());
    }
    AppCredentials app = found.get();
    if (!canonical.write(request.method(), request.rawPath(), request.rawQuery(), presented.contentSha256(),
        presented.timestamp(), presented.nonce(), presented.appKey())) {
      // Not an HTTP method token, so no client can have signed it; the HTTP layer should not pass one on.
      return rejected(Rejections.signatureMismatch(), presented.appKey());
    }
    boolean current = signs(app.secret(), canonical, presented.signature());
    Optional<AppSecret> retired = app.retiredSecretAt(now);
    boolean old = retired.isPresent() && signs(retired.get(), canonical, presented.signature());
    if (!current && !old) {
      return rejected(Rejections.signatureMismatch(), presented.appKey());
    }
    NonceCache.Outcome nonce = nonces.record(canonical.bytes(), canonical.nonceAt(),
        canonical.length() - canonical.nonceAt(), timestamp, nowSeconds);
    if (nonce == NonceCache.Outcome.REPLAYED) {
      return rejected(Rejections.nonceReplayed(windowSeconds), presented.appKey());
    }
    if (nonce == NonceCache.Outcome.BEYOND_HORIZON) {
      return rejected(Rejections.beyondReplayHorizon(timestamp, nowSeconds), presented.appKey());
    }
    if (app.isBlocked()) {
      return rejected(Rejections.blocked(presented.appKey(), app.blockedReason().orElseThrow()), presented.appKey());
    }
    return new Verified(presented.appKey(), app.tenantId(), ContentHash.checked(presented.contentSha256()), !current);
  }

  /** Authenticates a request whose whole body is at hand: {@link #verify(RequestParts)}, then the body hash. */
  public VerificationResult verify(RequestParts request, byte[] body) {
    VerificationResult result = verify(request);
    if (!(result instanceof Verified verified)) {
      return result;
    }
    BodyCheck check = verified.bodyCheck();
    check.update(body, 0, body.length);
    return check.finish();
  }

  private boolean signs(AppSecret secret, CanonicalBuffer canonical, byte[] presented) {
    byte[] expected = canonical.mac();
    secret.mac(canonical.bytes(), 0, canonical.length(), expected);
    boolean equal = constantTimeEquals.test(expected, presented);
    // The buffer is the thread's: it keeps no valid signature for a request it refused.
    Arrays.fill(expected, (byte) 0);
    return equal;
  }

  private static Rejected rejected(Rejected rejection, String appKey) {
    if (log.isDebugEnabled()) {
      log.debug("Refused signed request code={} appKey={}", rejection.code(), appKey == null ? "-" : appKey);
    }
    return rejection;
  }
}
