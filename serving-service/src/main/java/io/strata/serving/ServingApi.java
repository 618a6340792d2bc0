package io.strata.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.auth.apps.AppsView;
import io.strata.auth.limits.Admission;
import io.strata.auth.limits.Decision;
import io.strata.auth.signing.RequestParts;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.SignedHeaders;
import io.strata.auth.signing.VerificationResult;
import io.strata.events.ApiCall;
import io.strata.events.AppEvent;
import io.strata.events.Prediction;
import io.strata.observability.metrics.ComponentMetrics;
import io.strata.trainer.builtin.inference.Classification;
import io.strata.trainer.builtin.profile.ImageFeatures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP adapter (the JDK's {@code HttpServer}, as the trainer launcher's: three routes need no framework, and
 * the signature check needs the raw path, query and body exactly as received):
 * {@code POST /v1/models/{name}/predict}, {@code GET /v1/models}, {@code GET /health} and {@code GET /metrics}.
 */
final class ServingApi implements AutoCloseable {

  /** The API name for rate limits ({@code limits.perApi}) and in {@code api-calls}. */
  static final String PREDICT = "predict";
  private static final Logger log = LoggerFactory.getLogger(ServingApi.class);
  private static final String MODELS = "/v1/models";
  private static final long MAX_PIXELS = 40_000_000L;

  private final HttpServer server;
  private final ExecutorService executor;
  private final SignatureVerifier verifier;
  private final AppsView apps;
  private final Admission admission;
  private final ModelRoutes routes;
  private final LoadedModels models;
  private final CallRecorder recorder;
  private final ComponentMetrics metrics;
  private final BooleanSupplier ready;
  private final int maxImageBytes;
  private final String producer;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  record Parts(SignatureVerifier verifier, AppsView apps, Admission admission, ModelRoutes routes, LoadedModels models,
      CallRecorder recorder, ComponentMetrics metrics, BooleanSupplier ready) {}

  ServingApi(int port, int threads, Parts parts, int maxImageBytes, String producer, Clock clock) throws IOException {
    this.verifier = parts.verifier();
    this.apps = parts.apps();
    this.admission = parts.admission();
    this.routes = parts.routes();
    this.models = parts.models();
    this.recorder = parts.recorder();
    this.metrics = parts.metrics();
    this.ready = parts.ready();
    this.maxImageBytes = maxImageBytes;
    this.producer = producer;
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(port), 128);
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      var t = new Thread(r, "serving-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  HttpServer server() {
    return server;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    String route = path;
    int status = 500;
    try {
      if (path.equals("/health")) {
        boolean up = ready.getAsBoolean();
        status = up ? 200 : 503;
        send(exchange, status, Map.of("status", up ? "UP" : "STARTING", "loadedModels", models.size()));
        return;
      }
      String requestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Request-Id"))
          .filter(s -> !s.isBlank() && s.length() <= 128).orElse(UUID.randomUUID().toString());
      exchange.getResponseHeaders().set("X-Request-Id", requestId);
      if (path.equals(MODELS)) {
        route = MODELS;
        status = listModels(exchange, method, requestId);
      } else if (path.startsWith(MODELS + "/") && path.endsWith("/predict")) {
        route = MODELS + "/{name}/predict";
        status = predict(exchange, method, path.substring(MODELS.length() + 1, path.length() - "/predict".length()),
            requestId, started);
      } else {
        status = 404;
        send(exchange, 404, error("NOT_FOUND", "No route " + method + " " + path + "; the API is POST " + MODELS
            + "/{name}/predict and GET " + MODELS));
      }
    } catch (RuntimeException e) {
      log.error("Request failed method={} path={}", method, path, e);
      status = 500;
      send(exchange, 500, error("INTERNAL", "The serving service failed on this request: " + e + "; see its log"));
    } finally {
      metrics.http().record(method, route, status, System.nanoTime() - started);
      exchange.close();
    }
  }

  private int listModels(HttpExchange exchange, String method, String requestId) throws IOException {
    if (!method.equals("GET")) {
      return refuse(exchange, new ApiException(405, "METHOD_NOT_ALLOWED", "Use GET " + MODELS));
    }
    try {
      var caller = authenticate(exchange, readBody(exchange));
      var body = new LinkedHashMap<String, Object>();
      body.put("tenantId", caller.tenantId());
      body.put("models", routes.describe(caller.tenantId()));
      body.put("requestId", requestId);
      send(exchange, 200, body);
      return 200;
    } catch (ApiException e) {
      return refuse(exchange, e);
    }
  }

  private int predict(HttpExchange exchange, String method, String rawName, String requestId, long started)
      throws IOException {
    if (!method.equals("POST")) {
      return refuse(exchange, new ApiException(405, "METHOD_NOT_ALLOWED", "Use POST " + MODELS
          + "/{name}/predict with the image as the body"));
    }
    String modelName = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
    VerificationResult.Verified caller;
    byte[] body;
    try {
      body = readBody(exchange);
      caller = authenticate(exchange, body);
    } catch (ApiException e) {
      recordRefusal(exchange, requestId, modelName, null, e, started);
      return refuse(exchange, e);
    }
    ModelRoutes.Version version = null;
    try {
      Decision decision = admission.admit(caller.appKey(), PREDICT, 1);
      if (decision instanceof Decision.Refused refused) {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(refused.retryAfterSeconds()));
        throw new ApiException(429, refused.code(), refused.message());
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      var route = ModelRoutes.Route.of(query.get("stage"), query.get("version"));
      version = routes.resolve(caller.tenantId(), modelName, route);
      var classifier = models.classifier(version);
      BufferedImage image = ImageBody.decode(body, MAX_PIXELS);
      Classification answer = classifier.classify(image);
      ImageFeatures features = ImageFeatures.of(image);
      long latencyMicros = (System.nanoTime() - started) / 1000;
      Instant now = clock.instant();
      recorder.record(call(requestId, caller.tenantId(), caller.appKey(), modelName, version.version(), 200, null,
          latencyMicros, 1, Map.of("stage", version.stage().name(), "route", route.describe(),
              "imageSize", sizeClass(image))), prediction(requestId, caller.tenantId(), version, features, answer, now));
      metrics.registry().counter("strata.predictions", "model", caller.tenantId() + "/" + modelName).increment();
      var reply = new LinkedHashMap<String, Object>();
      reply.put("requestId", requestId);
      reply.put("model", modelName);
      reply.put("version", version.version());
      reply.put("stage", version.stage().name());
      reply.put("predictedClass", answer.predictedClass());
      reply.put("confidence", answer.confidence());
      reply.put("classScores", answer.classScores());
      reply.put("latencyMs", latencyMicros / 1000.0);
      send(exchange, 200, reply);
      return 200;
    } catch (ApiException e) {
      if (!e.code().equals("METERING_UNAVAILABLE")) {
        recordRefusal(exchange, requestId, modelName, version, e, started, caller.tenantId(), caller.appKey());
      }
      return refuse(exchange, e);
    }
  }

  /** A refusal before the caller was authenticated is recorded only when the app key names a known app. */
  private void recordRefusal(HttpExchange exchange, String requestId, String modelName, ModelRoutes.Version version,
      ApiException e, long started) {
    String appKey = exchange.getRequestHeaders().getFirst(SignedHeaders.APP_KEY);
    Optional<AppEvent> app = appKey == null ? Optional.empty() : apps.app(appKey);
    app.ifPresent(a -> recordRefusal(exchange, requestId, modelName, version, e, started, a.getTenantId(), appKey));
  }

  private void recordRefusal(HttpExchange exchange, String requestId, String modelName, ModelRoutes.Version version,
      ApiException e, long started, String tenantId, String appKey) {
    try {
      recorder.record(call(requestId, tenantId, appKey, modelName, version == null ? null : version.version(),
          e.status(), e.code(), (System.nanoTime() - started) / 1000, 0, Map.of()), null);
    } catch (ApiException notRecorded) {
      log.warn("Refused call not recorded requestId={} appKey={} status={} reason={}", requestId, appKey, e.status(),
          notRecorded.getMessage());
    }
  }

  private VerificationResult.Verified authenticate(HttpExchange exchange, byte[] body) {
    var parts = new RequestParts(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), name -> Optional.ofNullable(exchange.getRequestHeaders().get(name))
            .orElse(List.of()));
    if (parts.headers().values(SignedHeaders.APP_KEY).isEmpty()) {
      throw new ApiException(401, "UNAUTHENTICATED", "The request is not signed: sign it with your app key and "
          + "secret as docs/signing.md describes");
    }
    VerificationResult result = verifier.verify(parts, body);
    if (result instanceof VerificationResult.Verified verified) {
      return verified;
    }
    var rejected = (VerificationResult.Rejected) result;
    throw new ApiException(rejected.httpStatus(), rejected.code().name(), rejected.message());
  }

  private byte[] readBody(HttpExchange exchange) throws ApiException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxImageBytes + 1);
      if (body.length > maxImageBytes) {
        throw new ApiException(413, "PAYLOAD_TOO_LARGE", "The body is larger than " + maxImageBytes + " bytes ("
            + ServingSettings.MAX_IMAGE_BYTES + "); send a smaller image");
      }
      return body;
    } catch (IOException e) {
      throw new ApiException(400, "BODY_READ_FAILED", "The body could not be read: " + e.getMessage());
    }
  }

  private ApiCall call(String requestId, String tenantId, String appKey, String modelName, Integer version, int status,
      String errorCode, long latencyMicros, long units, Map<String, String> dimensions) {
    return ApiCall.newBuilder().setEventId(UUID.nameUUIDFromBytes(("api-call:" + requestId + ":" + appKey)
            .getBytes(StandardCharsets.UTF_8)).toString())
        .setTenantId(tenantId).setOccurredAt(clock.instant()).setProducer(producer).setCausationId(requestId)
        .setRequestId(requestId).setAppKey(appKey).setApi(PREDICT).setModelName(modelName).setModelVersion(version)
        .setStatus(status).setErrorCode(errorCode).setLatencyMicros(latencyMicros).setBillableUnits(units)
        .setDimensions(new HashMap<>(dimensions)).build();
  }

  private Prediction prediction(String requestId, String tenantId, ModelRoutes.Version version, ImageFeatures features,
      Classification answer, Instant now) {
    var values = new HashMap<String, Double>();
    for (String name : ImageFeatures.NAMES) {
      values.put(name, features.value(name));
    }
    return Prediction.newBuilder().setEventId(UUID.nameUUIDFromBytes(("prediction:" + requestId + ":" + tenantId)
            .getBytes(StandardCharsets.UTF_8)).toString())
        .setTenantId(tenantId).setOccurredAt(now).setProducer(producer).setCausationId(requestId)
        .setRequestId(requestId).setModelName(version.modelName()).setModelVersion(version.version())
        .setFeatures(values).setPredictedClass(answer.predictedClass()).setConfidence(answer.confidence())
        .setClassScores(new HashMap<>(answer.classScores())).build();
  }

  /** The image's size class, a price-relevant dimension: up to 0.5, 2 and 8 megapixels, or larger. */
  static String sizeClass(BufferedImage image) {
    long pixels = (long) image.getWidth() * image.getHeight();
    return pixels <= 500_000 ? "S" : pixels <= 2_000_000 ? "M" : pixels <= 8_000_000 ? "L" : "XL";
  }

  private int refuse(HttpExchange exchange, ApiException e) throws IOException {
    send(exchange, e.status(), error(e.code(), e.getMessage()));
    return e.status();
  }

  private static Map<String, Object> error(String code, String message) {
    return Map.of("code", code, "message", message);
  }

  private void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    var query = new HashMap<String, String>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.putIfAbsent(name, value);
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
