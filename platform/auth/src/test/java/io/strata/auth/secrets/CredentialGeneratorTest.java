package io.strata.auth.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialGeneratorTest {

  private final CredentialGenerator generator = new CredentialGenerator(new SecureRandom());

  @Test
  void shouldIssueAppKeysOfThePrefixAndTwentyBase62Characters() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      keys.add(generator.newAppKey());
    }

    assertThat(keys).hasSize(1000).allSatisfy(key -> assertThat(key).matches("ak_[0-9A-Za-z]{20}"));
  }

  @Test
  void shouldIssueSecretsOf32RandomBytesInUrlSafeBase64() {
    String secret = generator.newSecret().reveal();

    assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    assertThat(generator.newSecret().reveal()).isNotEqualTo(secret);
  }

  @Test
  void shouldDrawFromTheInjectedRandomSource() {
    var first = new CredentialGenerator(seeded());
    var second = new CredentialGenerator(seeded());

    assertThat(first.newAppKey()).isEqualTo(second.newAppKey());
    assertThat(first.newSecret().reveal()).isEqualTo(second.newSecret().reveal());
  }

  @Test
  void shouldUseEveryBase62CharacterAboutEquallyOften() {
    int[] counts = new int[128];
    for (int i = 0; i < 5000; i++) {
      for (char c : generator.newAppKey().substring(3).toCharArray()) {
        counts[c]++;
      }
    }
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // 100,000 draws over 62 symbols: about 1613 each; 1400..1830 is more than five standard deviations wide.
    for (char c : alphabet.toCharArray()) {
      assertThat(counts[c]).as("count of '%s'", c).isBetween(1400, 1830);
    }
  }

  private static SecureRandom seeded() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(42L);
      return random;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
