package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.auth.secrets.AppSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs docs/examples/signed-curl.sh with fixed time and nonce and checks that it signs exactly as
 * {@link RequestSigner} does, so the documented curl example provably works.
 */
class SignedCurlScriptTest {

  private static final String NONCE = "n5Xq2Lr8Tz0Vw4Ky7Bd1";
  private static final long TIMESTAMP = 1_767_225_600L;

  @TempDir
  static Path temp;

  @BeforeAll
  static void requireBashAndOpenssl() {
    assumeTrue(runs("bash", "--version") && runs("openssl", "version"), "bash and openssl are needed to run the script");
  }

  /** A request as the script is called: its URL is the authority followed by the raw path and query. */
  record Case(String name, String method, String rawPath, String rawQuery, byte[] body, String appKey, String secret) {

    String url() {
      return "https://api.strata.example" + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String key = SigningSpecExampleTest.APP_KEY;
    String secret = SigningSpecExampleTest.SECRET;
    byte[] allBytes = new byte[256];
    for (int i = 0; i < allBytes.length; i++) {
      allBytes[i] = (byte) i;
    }
    return Stream.of(
        new Case("the spec's worked example", "POST", "/v1/models/flower-classifier/predict",
            "stage=production&tag=sunflower&tag=daisy&note=caf%c3%a9%20au%20lait", SigningSpecExampleTest.BODY, key, secret),
        new Case("no query, no body", "GET", "/v1/apps", null, null, key, secret),
        new Case("root path", "get", "", "", null, key, secret),
        new Case("dot segments, empty segments and odd query", "GET", "/a/./b/../c%7e/%C3%BC%20x//",
            "b=2&a=&&a&z=+%2b&%c3%a9=1", null, key, secret),
        new Case("reserved characters in path and query", "DELETE", "/v1/datasets/fleurs%20d'%C3%A9t%C3%A9/items/a+b*(1)",
            "filter=label%3D%22rose%22&sort=-createdAt&x=%zz&empty=", null, key, secret),
        new Case("binary body, every byte value", "PUT", "/v1/blobs/upload", "part=1", allBytes, key, secret),
        new Case("secret longer than the HMAC block", "POST", "/v1/x", "", "{}".getBytes(StandardCharsets.UTF_8), key,
            "L0ng-Secret_".repeat(9)),
        new Case("secret with shell metacharacters", "POST", "/v1/x", "", new byte[0], "ak_other-App_9",
            "$(exit${IFS}7)'\"`;|&\\x41%s66666666"));
  }

  /** Raw non-ASCII in a URL, as a customer may type it; only where the JVM passes arguments as UTF-8. */
  static Stream<Case> unicodeCases() {
    assumeTrue("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
        "the JVM passes command-line arguments as UTF-8");
    return Stream.of(new Case("raw unicode and spaces", "GET", "/a/./b/../c~/ü x//", "b=2&é=1&z=café au lait", null,
        SigningSpecExampleTest.APP_KEY, SigningSpecExampleTest.SECRET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"cases", "unicodeCases"})
  void shouldSignExactlyAsTheJavaSignerDoes(Case request) throws Exception {
    SignedHeaders expected = javaSignature(request);

    String signature = runScript(request, "--print-signature");

    assertThat(signature).isEqualTo(expected.signature() + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"cases", "unicodeCases"})
  void shouldPrintTheSameCanonicalRequestAsJava(Case request) throws Exception {
    ContentHash hash = request.body() == null ? ContentHash.EMPTY : ContentHash.of(request.body());
    var canonical = new CanonicalRequest(request.method(), request.rawPath(), request.rawQuery(), hash, TIMESTAMP,
        NONCE, request.appKey());

    assertThat(runScript(request, "--print-canonical")).isEqualTo(canonical.text() + "\n");
  }

  @Test
  void shouldPrintACurlCommandWithTheSignedHeadersButNotTheSecret() throws Exception {
    Case example = cases().findFirst().orElseThrow();

    String command = runScript(example, "--dry-run");

    assertThat(command).startsWith("curl ")
        .contains("X-Strata-Signature:\\ " + SigningSpecExampleTest.SIGNATURE, "--data-binary")
        .doesNotContain(SigningSpecExampleTest.SECRET);
  }

  private static SignedHeaders javaSignature(Case request) {
    var signer = new RequestSigner(request.appKey(), AppSecret.of(request.secret()),
        new MutableClock(Instant.ofEpochSecond(TIMESTAMP)), () -> NONCE);
    ContentHash hash = request.body() == null ? ContentHash.EMPTY : ContentHash.of(request.body());
    return signer.sign(request.method(), request.rawPath(), request.rawQuery(), hash);
  }

  private static String runScript(Case request, String mode) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash",
        RepositoryFiles.find("docs/examples/signed-curl.sh").toString(), mode, request.method(), request.url()));
    if (request.body() != null) {
      Path body = Files.createTempFile(temp, "body", ".bin");
      Files.write(body, request.body());
      command.add(body.toString());
    }
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("STRATA_APP_KEY", request.appKey(), "STRATA_APP_SECRET", request.secret(),
        "STRATA_TIMESTAMP", Long.toString(TIMESTAMP), "STRATA_NONCE", NONCE));
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("script finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit status; output: %s", output).isZero();
    return output;
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
