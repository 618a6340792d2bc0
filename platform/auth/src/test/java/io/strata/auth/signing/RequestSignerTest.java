package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.auth.secrets.AppSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestSignerTest {

  private static final String APP = SigningSpecExampleTest.APP_KEY;
  private static final AppSecret SECRET = AppSecret.of(SigningSpecExampleTest.SECRET);
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_767_225_600L, 999_000_000));

  @Test
  void shouldStampTheClocksEpochSecondAndTheNoncesItIsGiven() {
    var signer = new RequestSigner(APP, SECRET, clock, () -> "fixed-nonce-0001");

    SignedHeaders headers = signer.sign("GET", URI.create("https://api.strata.example/v1/apps"), new byte[0]);

    assertThat(headers.timestamp()).isEqualTo(1_767_225_600L);
    assertThat(headers.nonce()).isEqualTo("fixed-nonce-0001");
    assertThat(headers.appKey()).isEqualTo(APP);
    assertThat(headers.contentSha256()).isEqualTo(ContentHash.EMPTY);
    assertThat(headers.signature()).matches("[0-9a-f]{64}");
  }

  @Test
  void shouldSignTheSameWithTheBodyOrItsPrecomputedHash() {
    var signer = new RequestSigner(APP, SECRET, clock, () -> "fixed-nonce-0001");
    byte[] body = "{\"sampleId\":\"a3f1\"}".getBytes(StandardCharsets.UTF_8);
    URI uri = URI.create("https://api.strata.example/v1/models/m/predict?stage=production");

    assertThat(signer.sign("POST", uri, body)).isEqualTo(signer.sign("POST", uri, ContentHash.of(body)));
    assertThat(signer.sign("POST", uri, body))
        .isEqualTo(signer.sign("POST", "/v1/models/m/predict", "stage=production", ContentHash.of(body)));
  }

  @Test
  void shouldRefuseWhatCannotBeSigned() {
    assertThatThrownBy(() -> new RequestSigner("ak key", SECRET, clock, () -> "fixed-nonce-0001"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app key");
    var badNonces = new RequestSigner(APP, SECRET, clock, () -> "short");
    assertThatThrownBy(() -> badNonces.sign("GET", URI.create("https://h/x"), new byte[0]))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("16 to 64 characters");
    var signer = new RequestSigner(APP, SECRET, clock, () -> "fixed-nonce-0001");
    assertThatThrownBy(() -> signer.sign("GET", URI.create("mailto:ops@example.com"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opaque");
  }

  @Test
  void shouldDrawUrlSafeNoncesThatDoNotRepeat() {
    NonceSource nonces = NonceSource.secureRandom(new SecureRandom());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(nonces.next());
    }

    assertThat(seen).hasSize(10_000).allSatisfy(nonce -> assertThat(nonce).matches("[A-Za-z0-9_-]{24}"));
  }

  @Test
  void shouldNotShowTheSecretWhenPrinted() {
    assertThat(new RequestSigner(APP, SECRET, clock, () -> "fixed-nonce-0001").toString())
        .isEqualTo("RequestSigner[appKey=" + APP + "]");
  }
}
