package io.strata.auth.secrets;

import java.security.DigestException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * One app secret's HMAC-SHA256 (RFC 2104) with its key schedule done once: the SHA-256 states after the
 * inner ({@code key ^ 0x36..}) and outer ({@code key ^ 0x5c..}) pad blocks. Each MAC clones the two states
 * and hashes only the message and the inner digest, so it skips the key setup and two of the compressions
 * that {@code Mac.init} + {@code doFinal} repeat for every message. Same bytes as {@code Mac} "HmacSHA256".
 * Thread-safe: the two states are never changed after construction, only cloned.
 */
final class HmacKey {

  static final int LENGTH = 32;
  private static final int BLOCK = 64;

  private final MessageDigest inner;
  private final MessageDigest outer;
  /** Only where the platform's SHA-256 cannot be cloned: then every MAC is a plain {@code Mac} one. */
  private final SecretKey uncloneable;

  private HmacKey(MessageDigest inner, MessageDigest outer, SecretKey uncloneable) {
    this.inner = inner;
    this.outer = outer;
    this.uncloneable = uncloneable;
  }

  /** The key state of {@code key}; keys longer than a block are hashed first, as RFC 2104 says. */
  static HmacKey of(SecretKey key) {
    byte[] bytes = key.getEncoded();
    byte[] block = new byte[BLOCK];
    byte[] shortKey = bytes.length > BLOCK ? sha256().digest(bytes) : bytes;
    System.arraycopy(shortKey, 0, block, 0, shortKey.length);
    Arrays.fill(bytes, (byte) 0);
    Arrays.fill(shortKey, (byte) 0);
    MessageDigest inner = padded(block, (byte) 0x36);
    MessageDigest outer = padded(block, (byte) 0x5c);
    Arrays.fill(block, (byte) 0);
    return new HmacKey(inner, outer, cloneable(inner) ? null : key);
  }

  /** Writes the 32-byte HMAC of {@code data[offset, offset + length)} into {@code mac}. */
  void mac(byte[] data, int offset, int length, byte[] mac) {
    if (uncloneable != null) {
      byte[] message = Arrays.copyOfRange(data, offset, offset + length);
      System.arraycopy(plainMac(uncloneable, message), 0, mac, 0, LENGTH);
      return;
    }
    try {
      // Both copied first, so that fetching the two states, often not in the CPU cache, overlaps.
      MessageDigest innerHash = (MessageDigest) inner.clone();
      MessageDigest outerHash = (MessageDigest) outer.clone();
      innerHash.update(data, offset, length);
      innerHash.digest(mac, 0, LENGTH);
      outerHash.update(mac, 0, LENGTH);
      outerHash.digest(mac, 0, LENGTH);
    } catch (CloneNotSupportedException | DigestException e) {
      throw new IllegalStateException("SHA-256 failed on a state it had cloned before", e);
    }
  }

  private static boolean cloneable(MessageDigest digest) {
    try {
      digest.clone();
      return true;
    } catch (CloneNotSupportedException e) {
      return false;
    }
  }

  private static MessageDigest padded(byte[] block, byte pad) {
    byte[] padded = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      padded[i] = (byte) (block[i] ^ pad);
    }
    MessageDigest digest = sha256();
    digest.update(padded);
    Arrays.fill(padded, (byte) 0);
    return digest;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides SHA-256", e);
    }
  }

  private static byte[] plainMac(SecretKey key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 refused an app secret as its key", e);
    }
  }
}
