package io.strata.registry.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's sign-in and escaping over real HTTP (Micronaut's client, redirects not followed). */
class ConsoleAuthIT {

  private static ConsoleSeed seed;
  private static HttpClient http;
  private static BlockingHttpClient client;

  @BeforeAll
  static void start() throws Exception {
    seed = new ConsoleSeed();
    var config = new DefaultHttpClientConfiguration();
    config.setFollowRedirects(false);
    http = HttpClient.create(new URL(seed.fixture.server.url()), config);
    client = http.toBlocking();
  }

  @AfterAll
  static void stop() {
    http.close();
    seed.close();
  }

  @Test
  void shouldRedirectEveryPageWithoutACookieToTheLoginForm() {
    for (String page : new String[] {"/console", "/console/tenants", "/console/datasets", "/console/datasets/x",
        "/console/datasets/x/diff?from=1&to=2", "/console/jobs", "/console/models", "/console/models/t/m"}) {
      HttpResponse<String> reply = client.exchange(HttpRequest.GET(page), String.class);
      assertThat(reply.code()).as(page).isEqualTo(303);
      assertThat(reply.header(HttpHeaders.LOCATION)).as(page).isEqualTo("/console/login");
    }
    HttpResponse<String> form = client.exchange(HttpRequest.GET("/console/login"), String.class);
    assertThat(form.code()).isEqualTo(200);
    assertThat(form.body()).contains("<form method=\"post\" action=\"/console/login\"").contains("name=\"token\"");
  }

  @Test
  void shouldAnswer401WithAMessageForAWrongToken() {
    var refused = catchThrowableOfType(HttpClientResponseException.class, () -> client.exchange(login("wrong"),
        String.class));
    assertThat(refused.getStatus().getCode()).isEqualTo(401);
    assertThat(refused.getResponse().getBody(String.class).orElseThrow())
        .contains("That is not the admin token").contains("strata.admin.token");
    assertThat(refused.getResponse().getHeaders().getAll(HttpHeaders.SET_COOKIE)).isEmpty();
  }

  @Test
  void shouldSetASignedHttpOnlyStrictCookieWithoutTheToken() {
    HttpResponse<String> reply = client.exchange(login(seed.fixture.token), String.class);
    assertThat(reply.code()).isEqualTo(303);
    assertThat(reply.header(HttpHeaders.LOCATION)).isEqualTo("/console");
    String setCookie = reply.header(HttpHeaders.SET_COOKIE);
    assertThat(setCookie).startsWith(SessionCookies.NAME + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
        .contains("Max-Age=28800").contains("Path=/console").doesNotContain(seed.fixture.token);
    String cookie = cookie(reply);
    HttpResponse<String> overview = client.exchange(HttpRequest.GET("/console").cookie(
        io.micronaut.http.cookie.Cookie.of(SessionCookies.NAME, cookie)), String.class);
    assertThat(overview.code()).isEqualTo(200);
    assertThat(overview.body()).contains("Overview").contains("Tenants");
    assertThat(overview.header("Content-Security-Policy")).contains("default-src 'none'");
  }

  @Test
  void shouldRefuseATamperedCookie() {
    String cookie = cookie(client.exchange(login(seed.fixture.token), String.class));
    // A character inside the signature (the last one of unpadded Base64 carries unused bits, so it is not used).
    int at = cookie.indexOf('.') + 5;
    char c = cookie.charAt(at);
    String tampered = cookie.substring(0, at) + (c == 'A' ? 'B' : 'A') + cookie.substring(at + 1);
    for (String value : new String[] {tampered, "x" + cookie, seed.fixture.token}) {
      HttpResponse<String> reply = client.exchange(HttpRequest.GET("/console/tenants").cookie(
          io.micronaut.http.cookie.Cookie.of(SessionCookies.NAME, value)), String.class);
      assertThat(reply.code()).as(value).isEqualTo(303);
      assertThat(reply.header(HttpHeaders.LOCATION)).isEqualTo("/console/login");
    }
  }

  @Test
  void shouldRenderATenantsDisplayNameEscaped() {
    String tenant = "xss-" + System.nanoTime();
    var created = seed.fixture.operator("POST", "/v1/tenants", "{\"tenantId\":\"" + tenant
        + "\",\"displayName\":\"<script>alert(1)</script>\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String cookie = cookie(client.exchange(login(seed.fixture.token), String.class));
    String page = client.retrieve(HttpRequest.GET("/console/tenants").cookie(
        io.micronaut.http.cookie.Cookie.of(SessionCookies.NAME, cookie)), String.class);
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
  }

  @Test
  void shouldClearTheCookieOnLogout() {
    HttpResponse<String> reply = client.exchange(HttpRequest.POST("/console/logout", "")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);
    assertThat(reply.code()).isEqualTo(303);
    assertThat(reply.header(HttpHeaders.LOCATION)).isEqualTo("/console/login");
    assertThat(reply.header(HttpHeaders.SET_COOKIE)).startsWith(SessionCookies.NAME + "=;").contains("Max-Age=0");
  }

  private static HttpRequest<?> login(String token) {
    return HttpRequest.POST("/console/login", Map.of("token", token))
        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
  }

  private static String cookie(HttpResponse<?> reply) {
    String header = reply.header(HttpHeaders.SET_COOKIE);
    return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
  }
}
