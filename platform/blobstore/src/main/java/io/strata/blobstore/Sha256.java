package io.strata.blobstore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 as blob names: the digest and the validation of hashes that callers pass in. */
final class Sha256 {

  private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

  private Sha256() {
  }

  static String requireValid(String sha256) {
    if (sha256 == null || !HEX_64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("Invalid SHA-256 '" + sha256
          + "': expected 64 lower-case hex characters [0-9a-f]");
    }
    return sha256;
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
