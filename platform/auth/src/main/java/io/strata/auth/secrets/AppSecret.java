package io.strata.auth.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An app's secret: the string shown to its owner exactly once, whose ASCII bytes key the request
 * signature (HMAC-SHA256). It never prints itself: {@link #toString()} is redacted, so a secret that
 * reaches a log line, an exception message or a record's {@code toString()} shows up as
 * {@code AppSecret[redacted]}.
 *
 * <p>Equality is identity on purpose: comparing secrets is the verifier's job, in constant time.
 */
public final class AppSecret {

  static final int MIN_LENGTH = 16;
  static final int MAX_LENGTH = 256;

  /** Bytes of an HMAC-SHA256, as {@link #mac} writes it. */
  public static final int MAC_LENGTH = HmacKey.LENGTH;

  private final byte[] ascii;
  private final SecretKeySpec hmacKey;
  /** The key schedule, built by the first {@link #mac}; two threads may both build it, to the same state. */
  private volatile HmacKey keySchedule;

  private AppSecret(byte[] ascii) {
    this.ascii = ascii;
    this.hmacKey = new SecretKeySpec(ascii, "HmacSHA256");
  }

  /**
   * Wraps a secret as issued, e.g. read from the environment by a client.
   *
   * @throws IllegalArgumentException if it is not 16 to 256 visible ASCII characters; the message never
   *     contains the value
   */
  public static AppSecret of(String secret) {
    if (secret == null) {
      throw new IllegalArgumentException("An app secret is required");
    }
    return fromBytes(secret.getBytes(StandardCharsets.UTF_8));
  }

  static AppSecret fromBytes(byte[] bytes) {
    if (bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH || !visibleAscii(bytes)) {
      throw new IllegalArgumentException("An app secret must be " + MIN_LENGTH + " to " + MAX_LENGTH
          + " visible ASCII characters (the value is not shown); use the secret exactly as it was issued");
    }
    return new AppSecret(bytes.clone());
  }

  /** The secret itself, for showing it once to its owner or for a client's configuration. Never log it. */
  public String reveal() {
    return new String(ascii, StandardCharsets.US_ASCII);
  }

  /** The HMAC-SHA256 key: the secret's ASCII bytes. */
  public SecretKey hmacKey() {
    return hmacKey;
  }

  /**
   * Writes the 32-byte HMAC-SHA256 of {@code data[offset, offset + length)} under this secret into {@code mac}:
   * the verifier's MAC. The key schedule is done once per secret, so each MAC hashes only the message; a
   * rotation brings a new secret and with it a new schedule.
   */
  public void mac(byte[] data, int offset, int length, byte[] mac) {
    HmacKey schedule = keySchedule;
    if (schedule == null) {
      schedule = HmacKey.of(hmacKey);
      keySchedule = schedule;
    }
    schedule.mac(data, offset, length, mac);
  }

  byte[] bytes() {
    return ascii.clone();
  }

  @Override
  public String toString() {
    return "AppSecret[redacted]";
  }

  private static boolean visibleAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x21 || b > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** Overwrites a copy of secret bytes that is no longer needed; a best effort, Java may hold others. */
  static void wipe(byte[] bytes) {
    Arrays.fill(bytes, (byte) 0);
  }
}
