package io.strata.auth.signing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash-1-3 (Aumasson and Bernstein, 2012; one compression and three finalisation rounds): a keyed 64-bit
 * hash whose outputs whoever does not know the key can neither predict nor collide. The nonce cache keys its
 * tables with it, under a random key per gateway, so that no caller can choose nonces that pile up in one
 * slot or collide with another app's. The 1-3 variant is the one Rust's and CPython's hash tables use
 * against hash flooding; the 2-4 variant's margin is for MACs, which this is not (the HMAC is).
 */
final class SipHash13 {

  private static final VarHandle LITTLE_ENDIAN_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long k0;
  private final long k1;

  /** A hash under the 128-bit key {@code k0 || k1}, each half read little-endian as the reference does. */
  SipHash13(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  long hash(byte[] message) {
    return hash(message, 0, message.length);
  }

  /** The hash of {@code message[offset, offset + length)}, as if those bytes were the whole message. */
  long hash(byte[] message, int offset, int length) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int fullWords = length / 8;
    for (int word = 0; word < fullWords; word++) {
      long m = (long) LITTLE_ENDIAN_LONGS.get(message, offset + word * 8);
      v3 ^= m;
      // One compression round (SipRound) per word.
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      v0 ^= m;
    }
    long last = ((long) length << 56) | littleEndian(message, offset + fullWords * 8, length % 8);
    v3 ^= last;
    v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
    v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
    v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
    v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    v0 ^= last;
    v2 ^= 0xff;
    for (int round = 0; round < 3; round++) { // three finalisation rounds
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  private static long littleEndian(byte[] bytes, int offset, int length) {
    long value = 0;
    for (int i = length - 1; i >= 0; i--) {
      value = value << 8 | (bytes[offset + i] & 0xFFL);
    }
    return value;
  }
}
