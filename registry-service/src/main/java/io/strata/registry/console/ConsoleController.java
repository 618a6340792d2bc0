package io.strata.registry.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.strata.blobstore.BlobNotFoundException;
import io.strata.registry.controlplane.ApiError;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.datasets.DatasetsFeature;
import io.strata.registry.models.ModelsFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /console}: the read-only operator console. Checks the session cookie (a page without a valid one
 * redirects 303 to {@code /console/login}), then hands over to {@link ConsolePages}. The HMAC key of the session
 * cookies is drawn at random per process.
 */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConsoleController {

  private static final Logger log = LoggerFactory.getLogger(ConsoleController.class);
  private static final Duration SESSION_TTL = Duration.ofHours(8);
  private static final MediaType HTML = new MediaType("text/html;charset=utf-8");
  private static final String LOGIN = "/console/login";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final ControlPlane controlPlane;
  private final ConsolePages pages;
  private final SamplePages samplePages;
  private final SamplesFeature samples;
  private final Thumbnails thumbnails = new Thumbnails();
  private final SessionCookies sessions;
  private final byte[] css;
  private final byte[] script;
  private final byte[] chartJs;

  ConsoleController(ControlPlane controlPlane, DatasetsFeature datasets, ModelsFeature models,
      SamplesFeature samples, Clock clock) {
    this.controlPlane = controlPlane;
    this.samples = samples;
    this.pages = new ConsolePages(controlPlane, datasets, models, samples.index());
    this.samplePages = new SamplePages(controlPlane, samples);
    var random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.sessions = new SessionCookies(key, clock, SESSION_TTL, random::nextLong);
    this.css = resource("/console/console.css");
    this.script = resource("/console/console.js");
    this.chartJs = resource(ChartJs.bundle());
  }

  @Get(value = "/static/console.css", produces = "text/css")
  HttpResponse<byte[]> css() {
    return HttpResponse.ok(css).contentType("text/css;charset=utf-8").header("Cache-Control", "max-age=3600");
  }

  @Get("/login")
  HttpResponse<String> loginForm() {
    return html(200, loginPage(null));
  }

  @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
  HttpResponse<String> login(@Nullable String token) {
    if (!controlPlane.enabled()) {
      return disabled();
    }
    if (token == null || !controlPlane.isAdminToken(token)) {
      log.warn("Console login refused reason=invalid admin token");
      return html(401, loginPage("That is not the admin token: enter the token from strata.admin.token or the file "
          + "named by strata.admin.token-file."));
    }
    log.info("Console login operator session ttl={}", SESSION_TTL);
    return secure(HttpResponse.<String>seeOther(URI.create("/console")).cookie(Cookie.of(SessionCookies.NAME,
        sessions.issue()).path("/console").httpOnly(true).sameSite(SameSite.Strict).maxAge(SESSION_TTL)));
  }

  @Post(value = "/logout", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
  HttpResponse<String> logout() {
    return secure(HttpResponse.<String>seeOther(URI.create(LOGIN)).cookie(Cookie.of(SessionCookies.NAME, "")
        .path("/console").httpOnly(true).sameSite(SameSite.Strict).maxAge(0)));
  }

  @Get
  HttpResponse<String> overview(HttpRequest<?> request) {
    return page(request, pages::overview);
  }

  @Get("/tenants")
  HttpResponse<String> tenants(HttpRequest<?> request) {
    return page(request, pages::tenants);
  }

  @Get("/datasets")
  HttpResponse<String> datasets(HttpRequest<?> request) {
    return page(request, pages::datasets);
  }

  @Get("/datasets/{datasetId}")
  HttpResponse<String> dataset(HttpRequest<?> request, @PathVariable String datasetId) {
    return page(request, () -> pages.dataset(datasetId));
  }

  @Get("/datasets/{datasetId}/diff")
  HttpResponse<String> diff(HttpRequest<?> request, @PathVariable String datasetId, @Nullable @QueryValue String from,
      @Nullable @QueryValue String to) {
    return page(request, () -> pages.diff(datasetId, version(from, "from"), version(to, "to")));
  }

  @Get("/samples")
  HttpResponse<String> samples(HttpRequest<?> request) {
    return page(request, samplePages::tenants);
  }

  @Get("/samples/{tenantId}")
  HttpResponse<String> tenantSamples(HttpRequest<?> request, @PathVariable String tenantId,
      @Nullable @QueryValue String filter, @Nullable @QueryValue String page) {
    return page(request, () -> samplePages.tenant(tenantId, "failed".equals(filter), pageNumber(page)));
  }

  /**
   * A small JPEG/PNG of one of the samples the console lists for {@code tenant} (never of any other blob), with
   * long private cache headers: a sample id is the SHA-256 of its bytes, so a thumbnail never changes.
   */
  @Get("/thumbnails/{sampleId}")
  HttpResponse<?> thumbnail(HttpRequest<?> request, @PathVariable String sampleId,
      @Nullable @QueryValue String tenant) {
    if (!signedIn(request)) {
      return secure(HttpResponse.seeOther(URI.create(LOGIN)));
    }
    if (!controlPlane.enabled()) {
      return jsonError(503, "CONTROL_PLANE_DISABLED", "The control plane is disabled: set strata.admin.token.");
    }
    if (tenant == null || tenant.isBlank()) {
      return jsonError(400, "TENANT_REQUIRED", "Name the sample's tenant: /console/thumbnails/{sampleId}?tenant=...");
    }
    var sample = samples.index().find(tenant, sampleId);
    if (sample.isEmpty()) {
      return jsonError(404, "SAMPLE_NOT_FOUND", "Tenant '" + tenant + "' has no sample '" + sampleId + "' among "
          + "its newest " + samples.index().perTenant() + " samples; thumbnails are served for the samples the "
          + "console lists.");
    }
    String etag = "\"" + sampleId + "\"";
    if (etag.equals(request.getHeaders().get(io.micronaut.http.HttpHeaders.IF_NONE_MATCH))) {
      return imageHeaders(HttpResponse.notModified(), etag);
    }
    Thumbnails.Thumbnail thumbnail = thumbnails.cached(sampleId);
    if (thumbnail == null) {
      var store = samples.blobs();
      if (store.isEmpty()) {
        return jsonError(503, "BLOB_STORE_NOT_CONFIGURED", "The registry has no blob store: set strata.blob-store "
            + "to the store the ingest gateway writes to.");
      }
      try {
        thumbnail = thumbnails.render(sampleId, store.get().open(sampleId));
      } catch (BlobNotFoundException e) {
        return jsonError(404, "BLOB_NOT_FOUND", "Sample '" + sampleId + "' is not in the blob store "
            + "(strata.blob-store); is the registry configured with the store the ingest gateway writes to?");
      } catch (IOException | RuntimeException e) {
        log.warn("Console thumbnail failed sampleId={} tenantId={} reason={}", sampleId, tenant, e.toString());
        return jsonError(422, "THUMBNAIL_UNAVAILABLE", "Cannot render a thumbnail of sample '" + sampleId + "' ("
            + sample.get().contentType() + "): " + e.getMessage());
      }
    }
    return imageHeaders(HttpResponse.ok(thumbnail.bytes()).contentType(thumbnail.contentType()), etag);
  }

  /**
   * {@code /console/api/jobs}: every training job with its state and progress per epoch, as JSON, for the live
   * charts of the jobs page. Without a session: 401 {@code SESSION_REQUIRED} (a script cannot follow a redirect to
   * a form).
   */
  @Get("/api/jobs")
  HttpResponse<String> jobsJson(HttpRequest<?> request) {
    if (!signedIn(request)) {
      return jsonError(401, "SESSION_REQUIRED", "Sign in at /console/login first.");
    }
    if (!controlPlane.enabled()) {
      return jsonError(503, "CONTROL_PLANE_DISABLED", "The control plane is disabled: set strata.admin.token.");
    }
    var jobs = pages.jobsJson();
    try {
      return secure(HttpResponse.ok(JSON.writeValueAsString(java.util.Map.of("jobs", jobs,
          "activeStates", ConsolePages.ACTIVE, "pollSeconds", ConsolePages.POLL_SECONDS)))
          .contentType(MediaType.APPLICATION_JSON_TYPE));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Get(value = "/static/console.js", produces = "text/javascript")
  HttpResponse<byte[]> script() {
    return HttpResponse.ok(script).contentType("text/javascript;charset=utf-8").header("Cache-Control",
        "max-age=3600");
  }

  @Get(value = "/static/chart.umd.min.js", produces = "text/javascript")
  HttpResponse<byte[]> chartJs() {
    return HttpResponse.ok(chartJs).contentType("text/javascript;charset=utf-8").header("Cache-Control",
        "max-age=86400");
  }

  @Get("/jobs")
  HttpResponse<String> jobs(HttpRequest<?> request) {
    return page(request, pages::jobs);
  }

  @Get("/models")
  HttpResponse<String> models(HttpRequest<?> request) {
    return page(request, pages::models);
  }

  @Get("/models/{tenantId}/{modelName}")
  HttpResponse<String> model(HttpRequest<?> request, @PathVariable String tenantId, @PathVariable String modelName) {
    return page(request, () -> pages.model(tenantId, modelName));
  }

  private boolean signedIn(HttpRequest<?> request) {
    return request.getCookies().findCookie(SessionCookies.NAME).map(Cookie::getValue).filter(sessions::valid)
        .isPresent();
  }

  private static int pageNumber(String text) {
    try {
      return text == null ? 1 : Math.max(1, Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      throw ApiError.invalid("INVALID_PAGE", "Invalid page '" + text + "': use a page number from 1, e.g. ?page=2");
    }
  }

  private static <T> HttpResponse<T> imageHeaders(io.micronaut.http.MutableHttpResponse<T> response, String etag) {
    return response.header("Cache-Control", "private, max-age=86400, immutable").header("ETag", etag)
        .header("X-Content-Type-Options", "nosniff").header("Content-Security-Policy", "default-src 'none'");
  }

  private static HttpResponse<String> jsonError(int status, String code, String message) {
    String body;
    try {
      body = JSON.writeValueAsString(java.util.Map.of("code", code, "message", message));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return secure(HttpResponse.<String>status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(body));
  }

  private HttpResponse<String> page(HttpRequest<?> request, Supplier<Page> page) {
    if (!signedIn(request)) {
      return secure(HttpResponse.seeOther(URI.create(LOGIN)));
    }
    if (!controlPlane.enabled()) {
      return disabled();
    }
    try {
      return html(200, page.get().render(true));
    } catch (ApiError e) {
      return html(e.status(), Page.of("Error " + e.status(), "", "<p class=\"error\"><code>" + Html.esc(e.code())
          + "</code> " + Html.esc(e.getMessage()) + "</p>").render(true));
    }
  }

  private static int version(String text, String name) {
    try {
      int v = Integer.parseInt(text == null ? "" : text.strip());
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw ApiError.invalid("INVALID_VERSION", "Invalid '" + name + "' version '" + text + "': pick two versions "
        + "of the dataset to compare, e.g. ?from=1&to=2");
  }

  private static String loginPage(String error) {
    var body = new StringBuilder();
    if (error != null) {
      body.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
    }
    body.append("<form method=\"post\" action=\"/console/login\" class=\"login\"><label for=\"token\">Admin token"
        + "</label><input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" autofocus "
        + "required><button type=\"submit\">Sign in</button></form>");
    return Page.of("Sign in", "", body.toString()).render(false);
  }

  private static HttpResponse<String> disabled() {
    return html(503, Page.of("Console unavailable", "", "<p class=\"error\"><code>CONTROL_PLANE_DISABLED</code> The "
        + "control plane is disabled: set strata.admin.token or strata.admin.token-file (and the master key) and "
        + "restart the registry.</p>").render(false));
  }

  private static HttpResponse<String> html(int status, String body) {
    return secure(HttpResponse.<String>status(HttpStatus.valueOf(status)).contentType(HTML).body(body));
  }

  private static <T> HttpResponse<T> secure(io.micronaut.http.MutableHttpResponse<T> response) {
    return response.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin")
        .header("Cache-Control", "no-store");
  }

  private static byte[] resource(String name) {
    try (InputStream in = ConsoleController.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The console's " + name + " is missing from the registry jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
