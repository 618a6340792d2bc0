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
    seed = new ConsoleSeed().seedSamples();
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
        "/console/datasets/x/diff?from=1&to=2", "/console/jobs", "/console/models", "/console/models/t/m",
        "/console/samples", "/console/samples/t?filter=failed", "/console/thumbnails/" + seed.samplesA.get(0)
        + "?tenant=" + seed.fixture.tenantA}) {
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
  void shouldListATenantsSamplesNewestFirstWithQualityFlagsAndTheFailedFilter() {
    var signedIn = io.micronaut.http.cookie.Cookie.of(SessionCookies.NAME, cookie(client.exchange(
        login(seed.fixture.token), String.class)));
    String all = awaitSamples(signedIn, seed.samplesA.size());
    assertThat(all).contains("Failed review").contains("blurry").contains("under-exposed").contains("passed")
        .contains("brightness 12.5").contains("pet-1.png");
    // Newest first: the last uploaded sample is listed before the first one.
    assertThat(all.indexOf(seed.samplesA.get(5).substring(0, 12)))
        .isLessThan(all.indexOf(seed.samplesA.get(0).substring(0, 12)));
    assertThat(all).contains("&lt;script&gt;alert(2)&lt;/script&gt;.png").doesNotContain("<script>");
    assertThat(all).doesNotContain(seed.sampleB.substring(0, 12));
    String failed = client.retrieve(HttpRequest.GET("/console/samples/" + seed.fixture.tenantA + "?filter=failed")
        .cookie(signedIn), String.class);
    assertThat(failed).contains(seed.samplesA.get(4).substring(0, 12)).contains(seed.samplesA.get(5).substring(0, 12))
        .doesNotContain(seed.samplesA.get(0).substring(0, 12)).contains("2 of the newest 6 kept");
    String overview = client.retrieve(HttpRequest.GET("/console").cookie(signedIn), String.class);
    assertThat(overview).contains("Samples").contains("Failed review");
    var badPage = catchThrowableOfType(HttpClientResponseException.class, () -> client.exchange(HttpRequest.GET(
        "/console/samples/" + seed.fixture.tenantA + "?page=x").cookie(signedIn), String.class));
    assertThat(badPage.getStatus().getCode()).isEqualTo(422);
    assertThat(badPage.getResponse().getBody(String.class).orElseThrow()).contains("INVALID_PAGE");
  }

  @Test
  void shouldServeThumbnailsOnlyOfTheNamedTenantsOwnSamples() throws Exception {
    var signedIn = io.micronaut.http.cookie.Cookie.of(SessionCookies.NAME, cookie(client.exchange(
        login(seed.fixture.token), String.class)));
    awaitSamples(signedIn, seed.samplesA.size());
    String own = "/console/thumbnails/" + seed.samplesA.get(0) + "?tenant=" + seed.fixture.tenantA;
    HttpResponse<byte[]> thumbnail = client.exchange(HttpRequest.GET(own).cookie(signedIn), byte[].class);
    assertThat(thumbnail.code()).isEqualTo(200);
    assertThat(thumbnail.header(HttpHeaders.CONTENT_TYPE)).isEqualTo("image/jpeg");
    assertThat(thumbnail.header(HttpHeaders.CACHE_CONTROL)).contains("private").contains("max-age=86400");
    var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body()));
    assertThat(image.getWidth()).isEqualTo(Thumbnails.MAX_SIDE);
    assertThat(image.getHeight()).isEqualTo(120);
    HttpResponse<byte[]> again = client.exchange(HttpRequest.GET(own).cookie(signedIn)
        .header(HttpHeaders.IF_NONE_MATCH, thumbnail.header(HttpHeaders.ETAG)), byte[].class);
    assertThat(again.code()).isEqualTo(304);

    for (String[] wrong : new String[][] {
        {"/console/thumbnails/" + seed.sampleB + "?tenant=" + seed.fixture.tenantA, "404", "SAMPLE_NOT_FOUND"},
        {"/console/thumbnails/" + seed.samplesA.get(0) + "?tenant=" + seed.fixture.tenantB, "404",
            "SAMPLE_NOT_FOUND"},
        {"/console/thumbnails/" + seed.samplesA.get(0), "400", "TENANT_REQUIRED"}}) {
      var refused = catchThrowableOfType(HttpClientResponseException.class, () -> client.exchange(
          HttpRequest.GET(wrong[0]).cookie(signedIn), String.class));
      assertThat(refused.getStatus().getCode()).as(wrong[0]).isEqualTo(Integer.parseInt(wrong[1]));
      assertThat(refused.getResponse().getBody(String.class).orElseThrow()).as(wrong[0]).contains(wrong[2]);
    }
    HttpResponse<byte[]> otherTenant = client.exchange(HttpRequest.GET("/console/thumbnails/" + seed.sampleB
        + "?tenant=" + seed.fixture.tenantB).cookie(signedIn), byte[].class);
    assertThat(otherTenant.code()).isEqualTo(200);
  }

  private static String awaitSamples(io.micronaut.http.cookie.Cookie signedIn, int count) {
    String page = "/console/samples/" + seed.fixture.tenantA;
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> client.retrieve(
        HttpRequest.GET(page).cookie(signedIn), String.class).contains("<span class=\"number\">" + count
        + "</span><span class=\"label\">Assessed</span>"));
    return client.retrieve(HttpRequest.GET(page).cookie(signedIn), String.class);
  }

  @Test
  void shouldAnswerTheJobsApiOnlyWithASession() {
    var refused = catchThrowableOfType(HttpClientResponseException.class, () -> client.exchange(
        HttpRequest.GET("/console/api/jobs"), String.class));
    assertThat(refused.getStatus().getCode()).isEqualTo(401);
    assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains("SESSION_REQUIRED");
    var signedIn = io.micronaut.http.cookie.Cookie.of(SessionCookies.NAME, cookie(client.exchange(
        login(seed.fixture.token), String.class)));
    HttpResponse<String> jobs = client.exchange(HttpRequest.GET("/console/api/jobs").cookie(signedIn), String.class);
    assertThat(jobs.code()).isEqualTo(200);
    assertThat(jobs.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
    assertThat(jobs.body()).contains("\"jobs\":[]").contains("\"pollSeconds\":3").contains("STARTED");
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
