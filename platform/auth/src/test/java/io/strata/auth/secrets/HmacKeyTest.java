package io.strata.auth.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

  @Test
  void shouldGiveTheSameMacAsJavaxCryptoForKeysShorterThanLongerThanAndAsLongAsABlock() throws Exception {
    var random = new Random(7);
    for (int keyLength = 1; keyLength <= 300; keyLength++) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      var secretKey = new SecretKeySpec(key, "HmacSHA256");
      HmacKey hmacKey = HmacKey.of(secretKey);
      for (int messageLength : new int[] {0, 1, 55, 56, 63, 64, 65, 119, 120, 230, 1000}) {
        byte[] framed = new byte[messageLength + 10];
        random.nextBytes(framed);
        byte[] message = java.util.Arrays.copyOfRange(framed, 5, 5 + messageLength);
        byte[] mac = new byte[HmacKey.LENGTH];

        hmacKey.mac(framed, 5, messageLength, mac);

        assertThat(mac).as("key %d bytes, message %d bytes", keyLength, messageLength)
            .isEqualTo(plainMac(secretKey, message));
      }
    }
  }

  @Test
  void shouldGiveEachSecretItsOwnMacAndTheSameOneEveryTime() throws Exception {
    var secret = AppSecret.of("Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q");
    var rotated = AppSecret.of("Zr2qC8lN1wYaS5uO0xMd3FiV6tK9bEgH4pLjU7nX_-R");
    for (int i = 0; i < 100; i++) {
      byte[] message = ("request " + i).getBytes(StandardCharsets.US_ASCII);
      byte[] mac = new byte[AppSecret.MAC_LENGTH];
      byte[] rotatedMac = new byte[AppSecret.MAC_LENGTH];

      secret.mac(message, 0, message.length, mac);
      rotated.mac(message, 0, message.length, rotatedMac);

      assertThat(mac).isEqualTo(plainMac(secret.hmacKey(), message));
      assertThat(rotatedMac).isEqualTo(plainMac(rotated.hmacKey(), message)).isNotEqualTo(mac);
    }
  }

  private static byte[] plainMac(SecretKey key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(key);
    return mac.doFinal(message);
  }
}
