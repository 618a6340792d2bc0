package io.strata.trainer.service;

import io.strata.auth.signing.BodyCheck;
import io.strata.auth.signing.RequestParts;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.SignedHeaders;
import io.strata.auth.signing.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Tells who made a call: the operator by {@code Authorization: Bearer <admin token>} (compared in constant time
 * over digests), an app by a request signed per docs/signing.md, or nobody (401).
 */
final class RequestAuth {

  private static final String BEARER = "Bearer ";

  private final Optional<byte[]> tokenDigest;
  private final Optional<SignatureVerifier> verifier;

  /**
   * @param adminToken empty: operator calls are refused
   * @param verifier empty: signed requests are refused (no master key to decrypt app secrets)
   */
  RequestAuth(Optional<String> adminToken, Optional<SignatureVerifier> verifier) {
    this.tokenDigest = adminToken.map(RequestAuth::sha256);
    this.verifier = verifier;
  }

  /** A caller whose body is still to come: {@code bodyCheck} is null for the operator. */
  record Streaming(Caller caller, BodyCheck bodyCheck) {

    /** Throws the refusal when a streamed body was not the signed one; call after the whole body was read. */
    void verifyBody() {
      if (bodyCheck == null) {
        return;
      }
      VerificationResult result = bodyCheck.finish();
      if (result instanceof VerificationResult.Rejected rejected) {
        throw new ApiException(rejected.httpStatus(), rejected.code().name(), rejected.message());
      }
    }
  }

  /**
   * Authenticates a request from its headers only, for a body that is streamed: an app's body must then be fed
   * through {@link Streaming#bodyCheck()} and checked with {@link Streaming#verifyBody()} before it is trusted.
   */
  Streaming authenticateHeaders(RequestParts request) {
    if (!request.headers().values("Authorization").isEmpty()
        || request.headers().values(SignedHeaders.APP_KEY).isEmpty()) {
      return new Streaming(authenticate(request, null), null);
    }
    if (verifier.isEmpty()) {
      throw new ApiException(401, "SIGNED_REQUESTS_DISABLED", "Signed requests are disabled: start the trainer "
          + "launcher with " + LauncherSettings.MASTER_KEY_FILE + " naming the registry's master key file");
    }
    VerificationResult result = verifier.get().verify(request);
    if (result instanceof VerificationResult.Verified verified) {
      return new Streaming(new Caller.App(verified.appKey(), verified.tenantId()), verified.bodyCheck());
    }
    var rejected = (VerificationResult.Rejected) result;
    throw new ApiException(rejected.httpStatus(), rejected.code().name(), rejected.message());
  }

  Caller authenticate(RequestParts request, byte[] body) {
    List<String> authorization = request.headers().values("Authorization");
    if (!authorization.isEmpty()) {
      if (tokenDigest.isEmpty()) {
        throw new ApiException(401, "OPERATOR_DISABLED", "Operator calls are disabled: start the trainer launcher "
            + "with " + LauncherSettings.ADMIN_TOKEN_FILE + " naming the admin token file");
      }
      String value = authorization.size() == 1 ? authorization.get(0) : "";
      boolean bearer = value.regionMatches(true, 0, BEARER, 0, BEARER.length());
      byte[] presented = sha256(bearer ? value.substring(BEARER.length()).strip() : "");
      if (!bearer | !MessageDigest.isEqual(presented, tokenDigest.get())) {
        throw new ApiException(401, "INVALID_ADMIN_TOKEN", "The admin token is not valid: send exactly one "
            + "'Authorization: Bearer <token>' header with the token from the file named by "
            + LauncherSettings.ADMIN_TOKEN_FILE);
      }
      return new Caller.Operator();
    }
    if (!request.headers().values(SignedHeaders.APP_KEY).isEmpty()) {
      if (verifier.isEmpty()) {
        throw new ApiException(401, "SIGNED_REQUESTS_DISABLED", "Signed requests are disabled: start the trainer "
            + "launcher with " + LauncherSettings.MASTER_KEY_FILE + " naming the registry's master key file");
      }
      VerificationResult result = verifier.get().verify(request, body);
      if (result instanceof VerificationResult.Verified verified) {
        return new Caller.App(verified.appKey(), verified.tenantId());
      }
      var rejected = (VerificationResult.Rejected) result;
      throw new ApiException(rejected.httpStatus(), rejected.code().name(), rejected.message());
    }
    throw new ApiException(401, "UNAUTHENTICATED", "No credentials: the operator sends 'Authorization: Bearer "
        + "<admin token>'; an app signs its request with its app key and secret (docs/signing.md)");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
