package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SessionCookiesTest {

  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private static SessionCookies at(Instant now, byte fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, fill);
    return new SessionCookies(key, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(8), new Random(1));
  }

  @Test
  void shouldAcceptItsOwnCookieUntilItExpires() {
    String cookie = at(NOW, (byte) 1).issue();
    assertThat(at(NOW.plus(Duration.ofHours(7)), (byte) 1).valid(cookie)).isTrue();
    assertThat(at(NOW.plus(Duration.ofHours(8)), (byte) 1).valid(cookie)).as("expired").isFalse();
  }

  @Test
  void shouldRefuseATamperedOrForeignCookie() {
    var sessions = at(NOW, (byte) 1);
    String cookie = sessions.issue();
    String payload = cookie.substring(0, cookie.indexOf('.'));
    String signature = cookie.substring(cookie.indexOf('.') + 1);
    String later = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("operator|" + NOW.plus(Duration.ofDays(365)).getEpochSecond() + "|0").getBytes());
    assertThat(sessions.valid(later + "." + signature)).as("payload changed, signature kept").isFalse();
    assertThat(sessions.valid(payload + "." + signature.substring(1))).as("signature cut").isFalse();
    assertThat(at(NOW, (byte) 2).valid(cookie)).as("signed with another process's key").isFalse();
    assertThat(sessions.valid("not-a-cookie")).isFalse();
    assertThat(sessions.valid("a.b.c")).isFalse();
    assertThat(sessions.valid(null)).isFalse();
  }

  @Test
  void shouldNeverCarryTheAdminToken() {
    String cookie = at(NOW, (byte) 1).issue();
    String payload = new String(Base64.getUrlDecoder().decode(cookie.substring(0, cookie.indexOf('.'))));
    assertThat(payload).startsWith("operator|").matches("operator\\|\\d+\\|[0-9a-f]+");
  }
}
