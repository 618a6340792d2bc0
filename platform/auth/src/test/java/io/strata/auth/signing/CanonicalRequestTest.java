package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalRequestTest {

  private static final String APP = "ak_4Fz9QmT2xLp8RcV1bN6w";
  private static final String NONCE = "n5Xq2Lr8Tz0Vw4Ky7Bd1";

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"\"                                   | /",
      "/                                      | /",
      "/v1/models/flower-classifier/predict   | /v1/models/flower-classifier/predict",
      "/v1/datasets/fleurs d'été/items        | /v1/datasets/fleurs%20d%27%C3%A9t%C3%A9/items",
      "/v1/a%2fb/%7euser                      | /v1/a%2Fb/~user",
      "/v1/./models/../datasets/              | /v1/datasets/",
      "/v1//x/..                              | /v1//",
      "/..                                    | /",
      "/a/b/../../../c                        | /c",
      "/a/%2E%2E/b                            | /b",
      "/a/.                                   | /a/",
      "/a/...                                 | /a/...",
      "/100%                                  | /100%25",
      "/%zz/%4                                | /%25zz/%254",
      "/a+b/*/(x)/[y]/@:!$&'=;,               | /a%2Bb/%2A/%28x%29/%5By%5D/%40%3A%21%24%26%27%3D%3B%2C",
      "/emoji/\uD83D\uDE00                     | /emoji/%F0%9F%98%80",
      "v1/relative                            | /v1/relative",
  })
  void shouldNormalisePathsAsTheSpecSays(String raw, String canonical) {
    assertThat(CanonicalPath.of(raw)).isEqualTo(canonical);
    assertThat(CanonicalPath.of(canonical)).as("canonical form is a fixed point").isEqualTo(canonical);
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"\"                                        | \"\"",
      "stage=production                            | stage=production",
      "stage=production&tag=sunflower&tag=daisy    | stage=production&tag=daisy&tag=sunflower",
      "b=2&a=1&a=&&c                               | a=&a=1&b=2&c=",
      "q=a+b&r=a%20b&s=x=y                         | q=a%2Bb&r=a%20b&s=x%3Dy",
      "caf%c3%a9=%7e                               | caf%C3%A9=~",
      "&&&                                         | \"\"",
      "a-b=1&a=2&a.b=3&A=4&a_b=5&a~=6              | A=4&a=2&a-b=1&a.b=3&a_b=5&a~=6",
      "é=1&z=2&%C3%A9=0                            | %C3%A9=0&%C3%A9=1&z=2",
      "x=%2F%2f/&y=?                               | x=%2F%2F%2F&y=%3F",
      "=empty-name                                 | =empty-name",
  })
  void shouldSortAndEncodeQueriesAsTheSpecSays(String raw, String canonical) {
    assertThat(CanonicalQuery.of(raw)).isEqualTo(canonical);
    assertThat(CanonicalQuery.of(canonical)).as("canonical form is a fixed point").isEqualTo(canonical);
  }

  @Test
  void shouldCanonicaliseEveryQueryAsTheGeneralAlgorithmDoesWhicheverPathItTakes() {
    // The first twelve tokens keep a query on the plain path; the others send it to the general one.
    String[] tokens = {"a", "B", "0", "-", ".", "~", "=", "&", "%C3", "%2F", "%3D", "%25",
        "%2f", "%7E", "%41", "+", "/", "?", "é", " ", "%", "%4"};
    var random = new java.util.Random(11);
    for (int i = 0; i < 20_000; i++) {
      String raw = randomText(random, tokens, i % 2 == 0 ? 12 : tokens.length, "");

      assertThat(CanonicalQuery.of(raw)).as("query '%s'", raw).isEqualTo(CanonicalQuery.general(raw));
    }
  }

  @Test
  void shouldKeepEveryPathAsTheSegmentBySegmentAlgorithmDoesWhicheverPathItTakes() {
    String[] tokens = {"a", "0", "-", "_", "~", "/", "%C3", "%2F", "%20",
        ".", "%2f", "%7e", "%2E", "+", " ", "é", "%"};
    var random = new java.util.Random(13);
    for (int i = 0; i < 20_000; i++) {
      String raw = randomText(random, tokens, i % 2 == 0 ? 9 : tokens.length, "/");

      assertThat(CanonicalPath.of(raw)).as("path '%s'", raw).isEqualTo(CanonicalPath.normalise(raw));
    }
  }

  private static String randomText(java.util.Random random, String[] tokens, int usable, String prefix) {
    var text = new StringBuilder(prefix);
    int length = random.nextInt(12);
    for (int j = 0; j < length; j++) {
      text.append(tokens[random.nextInt(usable)]);
    }
    return text.toString();
  }

  @Test
  void shouldTreatAMissingQueryAsAnEmptyLine() {
    assertThat(CanonicalQuery.of(null)).isEmpty();
    String text = request("GET", "/v1/apps", null).text();
    assertThat(text.split("\n", -1)[3]).isEmpty();
  }

  @Test
  void shouldJoinEightLinesWithoutATrailingNewline() {
    var canonical = new CanonicalRequest("post", "/v1/models/m/predict", "stage=production&k=1",
        ContentHash.of(new byte[0]), 1_767_225_600L, NONCE, APP);

    assertThat(canonical.text()).isEqualTo(String.join("\n",
        "STRATA-HMAC-SHA256",
        "POST",
        "/v1/models/m/predict",
        "k=1&stage=production",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "1767225600",
        NONCE,
        APP));
    assertThat(canonical.bytes()).isEqualTo(canonical.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void shouldHashAnEmptyBodyToTheWellKnownSha256() {
    assertThat(ContentHash.EMPTY.hex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void shouldRefuseValuesThatWouldBreakTheLineStructure() {
    assertThatThrownBy(() -> request("GET\nX", "/", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
    assertThatThrownBy(() -> new CanonicalRequest("GET", "/", "", ContentHash.EMPTY, 1L, "short", APP))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce");
    assertThatThrownBy(() -> new CanonicalRequest("GET", "/", "", ContentHash.EMPTY, 1L, NONCE, "ak\nx"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app key");
    assertThatThrownBy(() -> ContentHash.ofHex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
  }

  private static CanonicalRequest request(String method, String path, String query) {
    return new CanonicalRequest(method, path, query, ContentHash.EMPTY, 1_767_225_600L, NONCE, APP);
  }
}
