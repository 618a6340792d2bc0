package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.auth.secrets.AppSecret;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacKeyTest {

  @Test
  void shouldGiveTheSameMacAsJavaxCryptoForKeysShorterThanLongerThanAndAsLongAsABlock() {
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
            .isEqualTo(HmacSha256.mac(secretKey, message));
      }
    }
  }

  @Test
  void shouldStayCorrectWhenOneKeyStateServesManyMacs() {
    var secret = AppSecret.of("Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q");
    HmacKey hmacKey = new HmacKeys().of(secret);
    for (int i = 0; i < 100; i++) {
      byte[] message = ("request " + i).getBytes(StandardCharsets.US_ASCII);
      byte[] mac = new byte[HmacKey.LENGTH];
      hmacKey.mac(message, 0, message.length, mac);
      assertThat(mac).isEqualTo(HmacSha256.mac(secret.hmacKey(), message));
    }
  }

  @Test
  void shouldKeepOneKeyStatePerSecretInstanceAndANewOneAfterARotation() {
    var keys = new HmacKeys();
    var secret = AppSecret.of("Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q");
    var sameTextNewInstance = AppSecret.of("Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q");

    assertThat(keys.of(secret)).isSameAs(keys.of(secret));
    assertThat(keys.of(sameTextNewInstance)).isNotSameAs(keys.of(secret));
    assertThat(keys.size()).isEqualTo(2);
  }
}
