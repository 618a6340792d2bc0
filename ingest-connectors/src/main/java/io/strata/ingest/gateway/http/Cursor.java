package io.strata.ingest.gateway.http;

import io.strata.ingest.gateway.upload.FailedReviews.Position;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** The opaque {@code after} cursor of a sample listing: a position, base64url-encoded. */
final class Cursor {

  private static final Pattern POSITION = Pattern.compile("(\\d{1,19}):([0-9a-f]{64})");

  private Cursor() {}

  static String encode(Position position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        (position.assessedAtMillis() + ":" + position.sampleId()).getBytes(StandardCharsets.US_ASCII));
  }

  /** @throws IllegalArgumentException when {@code cursor} is not one {@link #encode} made */
  static Position decode(String cursor) {
    String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
    var match = POSITION.matcher(text);
    if (!match.matches()) {
      throw new IllegalArgumentException("Not a sample cursor: " + cursor);
    }
    return new Position(Long.parseLong(match.group(1)), match.group(2));
  }
}
