package io.strata.auth.signing;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** HMAC-SHA256 with one {@link Mac} per thread: creating one costs more than using it. */
final class HmacSha256 {

  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(HmacSha256::newMac);

  private HmacSha256() {}

  static byte[] mac(SecretKey key, byte[] data) {
    Mac mac = MACS.get();
    try {
      mac.init(key);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 refused an app secret as its key", e);
    }
    return mac.doFinal(data);
  }

  static String hex(byte[] mac) {
    return HexFormat.of().formatHex(mac);
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform provides HmacSHA256", e);
    }
  }
}
