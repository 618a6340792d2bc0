package io.strata.auth.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.auth.signing.AppCredentials;
import io.strata.auth.signing.RequestSigner;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppSecretTest {

  private static final String VALUE = "Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q";

  @Test
  void shouldRedactItselfWhenPrinted() {
    AppSecret secret = AppSecret.of(VALUE);

    assertThat(secret.toString()).isEqualTo("AppSecret[redacted]");
    assertThat(String.valueOf(secret)).doesNotContain(VALUE);
    assertThat("secret=" + secret).doesNotContain(VALUE);
  }

  @Test
  void shouldStayRedactedInsideTheRecordsThatCarryIt() {
    AppSecret secret = AppSecret.of(VALUE);
    AppSecret next = AppSecret.of("Hn3kVb8Qx1ZrT6yW0pLm4sJd9aFc2uEg7oKi5tRw_-B");

    var credentials = AppCredentials.active("ak_4Fz9QmT2xLp8RcV1bN6w", "tenant-a", secret)
        .rotatedTo(next, Instant.parse("2026-01-02T00:00:00Z"))
        .blocked("quota");

    assertThat(credentials.toString()).contains("ak_4Fz9QmT2xLp8RcV1bN6w", "tenant-a", "AppSecret[redacted]")
        .doesNotContain(VALUE, next.reveal());
    assertThat(RequestSigner.create("ak_4Fz9QmT2xLp8RcV1bN6w", secret).toString()).doesNotContain(VALUE);
  }

  @Test
  void shouldRevealTheValueOnlyWhenAskedTo() {
    assertThat(AppSecret.of(VALUE).reveal()).isEqualTo(VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tooShort", "has a space in the middle of it", "line\nbreak-0123456789", "ünicode-0123456789abc"})
  void shouldRefuseAnInvalidSecretWithoutQuotingIt(String invalid) {
    assertThatThrownBy(() -> AppSecret.of(invalid))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the value is not shown")
        .hasMessageNotContaining(invalid);
  }

  @Test
  void shouldKeyTheHmacWithTheSecretsAsciiBytes() {
    assertThat(AppSecret.of(VALUE).hmacKey().getEncoded()).isEqualTo(VALUE.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(AppSecret.of(VALUE).hmacKey().getAlgorithm()).isEqualTo("HmacSHA256");
  }
}
