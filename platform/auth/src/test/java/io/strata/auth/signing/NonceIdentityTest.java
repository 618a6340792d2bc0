package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.auth.signing.NonceCache.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The verifier hands the nonce cache {@code nonce \n appKey} as a slice of the canonical request. */
class NonceIdentityTest {

  private static final long T = 1_767_225_600L;

  @Test
  void shouldHashASliceAsIfItWereTheWholeMessage() {
    var hash = new SipHash13(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
    byte[] message = "STRATA\nnonce-0000000001\nak_a".getBytes(StandardCharsets.US_ASCII);
    for (int from = 0; from < message.length; from++) {
      for (int to = from; to <= message.length; to++) {
        assertThat(hash.hash(message, from, to - from)).isEqualTo(hash.hash(Arrays.copyOfRange(message, from, to)));
      }
    }
  }

  @Test
  void shouldTreatASliceOfTheCanonicalRequestAsTheSameNonceAsItsStrings() {
    var cache = new NonceCache(Duration.ofSeconds(300), 1000, new SecureRandom());
    byte[] canonical = "STRATA-HMAC-SHA256\nGET\n/\n\nabc\n1767225600\nnonce-0000000001\nak_a"
        .getBytes(StandardCharsets.US_ASCII);
    int nonceAt = canonical.length - "nonce-0000000001\nak_a".length();

    assertThat(cache.record(canonical, nonceAt, canonical.length - nonceAt, T, T)).isEqualTo(Outcome.FRESH);
    assertThat(cache.record("ak_a", "nonce-0000000001", T, T)).isEqualTo(Outcome.REPLAYED);
    assertThat(cache.record("ak_b", "nonce-0000000001", T, T)).isEqualTo(Outcome.FRESH);
    assertThat(cache.record("ak_a", "nonce-0000000002", T, T)).isEqualTo(Outcome.FRESH);
  }
}
