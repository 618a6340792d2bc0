package io.strata.registry.controlplane;

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
 * Tells who made a control-plane call: the operator by {@code Authorization: Bearer <admin token>} (compared in
 * constant time), or an app by a request signed per docs/signing.md, or nobody (401).
 */
public final class Authenticator {

  private static final String BEARER = "Bearer ";

  private final Optional<byte[]> tokenDigest;
  private final SignatureVerifier verifier;

  /** @param adminToken empty when the control plane is disabled; every call then answers 503 */
  public Authenticator(Optional<String> adminToken, SignatureVerifier verifier) {
    this.tokenDigest = adminToken.map(Authenticator::sha256);
    this.verifier = verifier;
  }

  /**
   * The caller of a request.
   *
   * @param request method, raw path and query, headers
   * @param body the body as received (empty for none), checked against the signed hash
   * @throws ApiError 503 when disabled, 401 without valid credentials, or the verifier's code and status
   */
  public Caller authenticate(RequestParts request, byte[] body) {
    if (tokenDigest.isEmpty()) {
      throw new ApiError(503, "CONTROL_PLANE_DISABLED", "The control plane is disabled: set "
          + ControlPlaneSettings.ADMIN_TOKEN + " or " + ControlPlaneSettings.ADMIN_TOKEN_FILE + " (and "
          + ControlPlaneSettings.MASTER_KEY_FILE + " or " + ControlPlaneSettings.MASTER_KEYS + ") and restart");
    }
    List<String> authorization = request.headers().values("Authorization");
    if (!authorization.isEmpty()) {
      return operator(authorization);
    }
    if (!request.headers().values(SignedHeaders.APP_KEY).isEmpty()) {
      VerificationResult result = verifier.verify(request, body);
      if (result instanceof VerificationResult.Verified verified) {
        return new Caller.App(verified.appKey(), verified.tenantId());
      }
      var rejected = (VerificationResult.Rejected) result;
      throw new ApiError(rejected.httpStatus(), rejected.code().name(), rejected.message());
    }
    throw new ApiError(401, "UNAUTHENTICATED", "No credentials: the operator sends 'Authorization: Bearer <admin "
        + "token>'; an app signs its request with its app key and secret (docs/signing.md)");
  }

  /** True when the control plane is enabled, i.e. an admin token is configured. */
  public boolean enabled() {
    return tokenDigest.isPresent();
  }

  /** True when {@code token} is the admin token, compared as {@link #authenticate} does (digests, constant time). */
  public boolean isAdminToken(String token) {
    byte[] presented = sha256(token == null ? "" : token.strip());
    return tokenDigest.isPresent() & MessageDigest.isEqual(presented, tokenDigest.orElse(new byte[presented.length]));
  }

  private Caller operator(List<String> authorization) {
    String value = authorization.size() == 1 ? authorization.get(0) : "";
    boolean bearer = value.regionMatches(true, 0, BEARER, 0, BEARER.length());
    byte[] presented = sha256(bearer ? value.substring(BEARER.length()).strip() : "");
    // Digests of equal length, compared in constant time: neither the token nor its length leaks.
    if (!bearer | !MessageDigest.isEqual(presented, tokenDigest.orElseThrow())) {
      throw new ApiError(401, "INVALID_ADMIN_TOKEN", "The admin token is not valid: send exactly one "
          + "'Authorization: Bearer <token>' header with the token from " + ControlPlaneSettings.ADMIN_TOKEN
          + " or the file named by " + ControlPlaneSettings.ADMIN_TOKEN_FILE);
    }
    return new Caller.Operator();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
