package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipHash13Test {

  /**
   * Vectors of the reference implementation (github.com/veorq/SipHash built with cROUNDS=1, dROUNDS=3): a key
   * of zeros, message 00 01 .. (length - 1).
   */
  @ParameterizedTest(name = "length {0}")
  @CsvSource({
      "0, d1fba762150c532c",
      "1, 68a914128e01e473",
      "7, 2f098ab0c751325a",
      "8, ead411e67ebe2eea",
      "15, f30eb725bb91c9ea",
      "16, 8972188433a5c5b7",
      "31, 169739443111d49b",
      "32, 31ef8061c910629b",
  })
  void shouldReproduceTheReferenceVectors(int length, String expectedHex) {
    var sipHash = new SipHash13(0, 0);
    byte[] message = new byte[length];
    for (int i = 0; i < length; i++) {
      message[i] = (byte) i;
    }

    assertThat(sipHash.hash(message)).isEqualTo(Long.parseUnsignedLong(expectedHex, 16));
  }
}
