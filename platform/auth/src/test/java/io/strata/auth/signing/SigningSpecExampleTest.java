package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.auth.secrets.AppSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The worked example of docs/signing.md, recomputed: if the spec and the code drift apart, this fails. */
class SigningSpecExampleTest {

  static final String APP_KEY = "ak_4Fz9QmT2xLp8RcV1bN6w";
  static final String SECRET = "Yq1pB7kM0vXzR4tN9wLc2EhU5sJ8aDfG3oKiT6mW_-Q";
  static final long TIMESTAMP = 1_767_225_600L;
  static final String NONCE = "n5Xq2Lr8Tz0Vw4Ky7Bd1";
  static final String URL = "https://api.strata.example/v1/models/flower-classifier/predict"
      + "?stage=production&tag=sunflower&tag=daisy&note=caf%c3%a9%20au%20lait";
  static final byte[] BODY = "{\"sampleId\":\"a3f1\"}".getBytes(StandardCharsets.UTF_8);
  static final String CANONICAL = String.join("\n",
      "STRATA-HMAC-SHA256",
      "POST",
      "/v1/models/flower-classifier/predict",
      "note=caf%C3%A9%20au%20lait&stage=production&tag=daisy&tag=sunflower",
      "6eee7dac9466e8276aae1166ccc2beca033362465a6bd5f1c2881c85ea8d8a93",
      "1767225600",
      NONCE,
      APP_KEY);
  static final String SIGNATURE = "f11e5a47c7e71e8bab42619f97417190ddad3332ef87ac3aee81df22f80e5f97";

  @Test
  void shouldProduceTheCanonicalRequestAndSignatureThatTheSpecShows() throws Exception {
    var signer = new RequestSigner(APP_KEY, AppSecret.of(SECRET), new MutableClock(Instant.ofEpochSecond(TIMESTAMP)),
        () -> NONCE);
    URI uri = URI.create(URL);

    SignedHeaders headers = signer.sign("POST", uri, BODY);
    var canonical = new CanonicalRequest("POST", uri.getRawPath(), uri.getRawQuery(), ContentHash.of(BODY),
        TIMESTAMP, NONCE, APP_KEY);

    assertThat(canonical.text()).isEqualTo(CANONICAL);
    assertThat(headers.signature()).isEqualTo(SIGNATURE);
    assertThat(headers.asMap()).containsExactly(
        java.util.Map.entry("X-Strata-App-Key", APP_KEY),
        java.util.Map.entry("X-Strata-Timestamp", "1767225600"),
        java.util.Map.entry("X-Strata-Nonce", NONCE),
        java.util.Map.entry("X-Strata-Content-SHA256", "6eee7dac9466e8276aae1166ccc2beca033362465a6bd5f1c2881c85ea8d8a93"),
        java.util.Map.entry("X-Strata-Signature", SIGNATURE));
  }

  @Test
  void shouldShowTheseExactValuesInTheSpec() throws Exception {
    String spec = Files.readString(RepositoryFiles.find("docs/signing.md"));

    assertThat(spec).contains("```\n" + CANONICAL + "\n```", "Signature: `" + SIGNATURE + "`", "`" + SECRET + "`",
        "`" + NONCE + "`", URL, "X-Strata-Signature: " + SIGNATURE);
  }

  @Test
  void shouldVerifyTheSpecsExampleAtItsTime() {
    var verifier = new SignatureVerifier(key -> java.util.Optional.of(
        AppCredentials.active(APP_KEY, "tenant-example", AppSecret.of(SECRET))),
        new MutableClock(Instant.ofEpochSecond(TIMESTAMP + 42)), VerifierSettings.defaults());
    URI uri = URI.create(URL);
    var headers = HeaderLookup.of(java.util.Map.of(
        "X-Strata-App-Key", APP_KEY, "X-Strata-Timestamp", "1767225600", "X-Strata-Nonce", NONCE,
        "X-Strata-Content-SHA256", "6eee7dac9466e8276aae1166ccc2beca033362465a6bd5f1c2881c85ea8d8a93",
        "X-Strata-Signature", SIGNATURE));

    var result = verifier.verify(new RequestParts("POST", uri.getRawPath(), uri.getRawQuery(), headers), BODY);

    assertThat(result).isInstanceOf(VerificationResult.Verified.class);
  }
}
