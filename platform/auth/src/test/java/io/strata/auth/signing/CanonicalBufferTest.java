package io.strata.auth.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalBufferTest {

  private static final String APP = "ak_4Fz9QmT2xLp8RcV1bN6w";
  private static final String NONCE = "n5Xq2Lr8Tz0Vw4Ky7Bd1";
  private static final String CONTENT = ContentHash.EMPTY.hex();
  private static final String TIMESTAMP = "1767225600";
  /** Characters that exercise every branch of path and query canonicalisation, a few of them not ASCII. */
  private static final String ALPHABET = "aZ09-._~/%&=+?#.. %2F%2f%7E%7e%41%C3%A9%zz%4é€\u0130!*AFaf";
  /** Mostly what the fast path accepts, so that it is taken as well as left. */
  private static final String PLAIN = "abAB09-._~=&&==/%2F%C3%2E";

  @ParameterizedTest(name = "{0} {1}?{2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "POST | /v1/models/flower-classifier/predict | stage=production&top_k=5",
      "get  | /v1/models/flower-classifier/versions | stage=staging&limit=20&page=3",
      "PUT  | /v1/samples/uploads/sha256%3A9f86d081884c7d65 | dataset=flowers&split=train&label=sunflower",
      "POST | /v1/models/resnet-50/predict | stage=production&explain=true&tag=b&tag=a",
      "GET  | \"\" | \"\"",
      "GET  | v1/relative | a",
      "GET  | /v1/./models/../datasets/ | b=2&a=1&a=0&=x",
      "GET  | /a/.. | z&a=",
      "GET  | /a/%2E%2E/b | x=%7e&x=~&longername12=1&longername1=2",
      "GET  | /v1/datasets/fleurs d'été/items | q=été&q=a b",
      "GET  | /100% | a=b=c&&d=%zz",
  })
  void shouldWriteTheSameBytesAsTheReferenceCanonicalisation(String method, String path, String query) {
    assertSameAsReference(method, path, query);
  }

  @Test
  void shouldAgreeWithTheReferenceOnRandomPathsAndQueries() {
    var random = new Random(20261123);
    for (int i = 0; i < 20_000; i++) {
      String alphabet = i % 2 == 0 ? ALPHABET : PLAIN;
      String path = (random.nextInt(8) == 0 ? "" : "/") + randomText(random, alphabet, 40);
      String query = randomText(random, alphabet, 40);
      assertSameAsReference("POST", path, query);
    }
  }

  @Test
  void shouldSortManyPlainParametersAndFallBackBeyondThirtyTwo() {
    for (int count : new int[] {31, 32, 33, 40}) {
      var query = new StringBuilder();
      for (int i = count; i > 0; i--) {
        query.append(i == count ? "" : "&").append("p").append(i % 7).append("=").append(i);
      }
      assertSameAsReference("GET", "/v1/x", query.toString());
    }
  }

  @Test
  void shouldGrowForLongRequestsAndStillAgree() {
    String longPath = "/v1/" + "segment/".repeat(2_000) + "end";
    String longQuery = "k=" + "v".repeat(20_000) + "&a=1";
    assertSameAsReference("GET", longPath, longQuery);
    assertSameAsReference("GET", "/short", "b=1&a=2");
  }

  @Test
  void shouldWriteTheSameBytesWhetherOrNotTheHeaderValuesWereStaged() {
    var buffer = new CanonicalBuffer();
    buffer.stage(CONTENT, TIMESTAMP, NONCE, APP, "00".repeat(32));
    buffer.write("GET", "/v1/x", "a=1", CONTENT, TIMESTAMP, NONCE, APP);
    byte[] staged = written(buffer);

    buffer.stage(CONTENT, TIMESTAMP, NONCE, APP, null);
    // Equal but not the same strings: the staged copy is not used.
    buffer.write("GET", "/v1/x", "a=1", new String(CONTENT), new String(TIMESTAMP), new String(NONCE), new String(APP));

    assertThat(written(buffer)).isEqualTo(staged).isEqualTo(reference("GET", "/v1/x", "a=1"));
  }

  @Test
  void shouldPointAtNonceAndAppKeyAsTheLastTwoLines() {
    var buffer = new CanonicalBuffer();
    buffer.stage(CONTENT, TIMESTAMP, NONCE, APP, null);
    buffer.write("GET", "/v1/x", "", CONTENT, TIMESTAMP, NONCE, APP);

    byte[] identity = Arrays.copyOfRange(buffer.bytes(), buffer.nonceAt(), buffer.length());
    assertThat(new String(identity, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(NONCE + "\n" + APP);
  }

  @Test
  void shouldRefuseAMethodThatIsNotAToken() {
    assertThat(new CanonicalBuffer().write("GE T", "/", "", CONTENT, TIMESTAMP, NONCE, APP)).isFalse();
    assertThat(new CanonicalBuffer().write("", "/", "", CONTENT, TIMESTAMP, NONCE, APP)).isFalse();
  }

  private static void assertSameAsReference(String method, String path, String query) {
    var buffer = new CanonicalBuffer();
    buffer.stage(CONTENT, TIMESTAMP, NONCE, APP, null);
    assertThat(buffer.write(method, path, query, CONTENT, TIMESTAMP, NONCE, APP)).isTrue();
    assertThat(written(buffer)).as("%s %s?%s", method, path, query).isEqualTo(reference(method, path, query));
  }

  private static byte[] reference(String method, String path, String query) {
    return CanonicalRequest.signedBytes(method, path, query, CONTENT, TIMESTAMP, NONCE, APP);
  }

  private static byte[] written(CanonicalBuffer buffer) {
    return Arrays.copyOf(buffer.bytes(), buffer.length());
  }

  private static String randomText(Random random, String alphabet, int maxLength) {
    var text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
