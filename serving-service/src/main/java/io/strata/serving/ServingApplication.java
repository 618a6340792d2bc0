package io.strata.serving;

import io.strata.auth.apps.AppsView;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.auth.limits.Admission;
import io.strata.auth.limits.MonthlyUsage;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.VerifierSettings;
import io.strata.blobstore.BlobStores;
import io.strata.events.ApiCall;
import io.strata.events.AppEvent;
import io.strata.events.ModelEvent;
import io.strata.observability.http.ObservabilityEndpoints;
import io.strata.observability.metrics.ComponentMetrics;
import io.strata.schemas.registry.CachingSchemaRegistryClient;
import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import io.strata.trainer.builtin.training.DjlEnvironment;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving service (docs/serving.md): reads the apps, the models and this month's {@code api-calls} to their end,
 * then serves the inference API on {@value ServingSettings#HTTP_PORT}. Configured from the environment
 * ({@link ServingSettings}); any number of instances may run side by side (each meters into the same topic; rate
 * limits are per instance).
 */
public final class ServingApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServingApplication.class);
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  private static final int THREADS = 8;
  private static final int PREDICTORS_PER_MODEL = 2;

  private final List<AutoCloseable> closing;
  private final ServingApi api;
  private final CountDownLatch closed = new CountDownLatch(1);

  private ServingApplication(List<AutoCloseable> closing, ServingApi api) {
    this.closing = closing;
    this.api = api;
  }

  /**
   * Starts the service and returns once it serves.
   *
   * @param registry the schema registry client the serdes use (not closed by the service)
   */
  public static ServingApplication start(ServingSettings settings, SchemaRegistryClient registry) throws IOException {
    DjlEnvironment.prepare(settings.djlCacheDir());
    Map<String, Object> kafka = Map.of("bootstrap.servers", settings.bootstrapServers());
    var closing = new ArrayList<AutoCloseable>();
    try {
      var metrics = ComponentMetrics.create("serving");
      closing.add(metrics);
      var topics = settings.topics();
      var apps = new AppsView(kafka, topics.apps(), Topics.APPS.valueSerde(registry).deserializer(),
          settings.keyring());
      closing.add(0, apps);
      apps.start();
      var routes = new ModelRoutes();
      var modelsView = new CompactedTopicView<ModelEvent, Object>("serving-models", kafka, topics.models(),
          Topics.MODELS.valueSerde(registry).deserializer(), (key, event) -> {
            routes.apply(event);
            return null;
          });
      closing.add(0, modelsView);
      modelsView.start();
      var usage = new MonthlyUsage();
      var usageView = new CompactedTopicView<ApiCall, Object>("serving-usage", kafka, topics.apiCalls(),
          Topics.API_CALLS.valueSerde(registry).deserializer(), (key, call) -> {
            if (call.getBillableUnits() > 0) {
              usage.record(call.getAppKey(), call.getOccurredAt(), call.getBillableUnits());
            }
            return null;
          });
      closing.add(0, usageView);
      usageView.start();
      apps.awaitCaughtUp(STARTUP);
      modelsView.awaitCaughtUp(STARTUP);
      usageView.awaitCaughtUp(STARTUP);
      Clock clock = Clock.systemUTC();
      var admission = new Admission(appKey -> apps.app(appKey).map(AppEvent::getLimits), usage, clock);
      var verifier = new SignatureVerifier(apps, clock, VerifierSettings.defaults());
      var blobs = BlobStores.open(settings.blobStore(), settings.dataDir().resolve("serving").resolve("spool"));
      var models = new LoadedModels(blobs, settings.modelsDir(), settings.loadedModels(), PREDICTORS_PER_MODEL);
      closing.add(0, models);
      var recorder = new CallRecorder(kafka, topics, Topics.API_CALLS.valueSerde(registry).serializer(),
          Topics.PREDICTIONS.valueSerde(registry).serializer(), WRITE_TIMEOUT);
      closing.add(0, recorder);
      closing.add(0, metrics.bindProducer(recorder.callsProducer()));
      metrics.registry().gauge("strata.serving.loaded.models", models, LoadedModels::size);
      var api = new ServingApi(settings.httpPort(), THREADS, new ServingApi.Parts(verifier, apps, admission, routes,
          models, recorder, metrics, () -> apps.caughtUp() && modelsView.caughtUp()), settings.maxImageBytes(),
          settings.producer(), clock);
      ObservabilityEndpoints.attachMetrics(api.server(), metrics);
      closing.add(0, api);
      log.info("Serving ready port={} settings={}", api.port(), settings);
      return new ServingApplication(closing, api);
    } catch (IOException | RuntimeException e) {
      closeAll(closing);
      throw e;
    }
  }

  /** The HTTP port (useful when started with port 0). */
  public int port() {
    return api.port();
  }

  /** Stops the API, then the views and the producers. */
  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    closeAll(closing);
    closed.countDown();
    log.info("Serving stopped");
  }

  private static void closeAll(List<AutoCloseable> closing) {
    for (AutoCloseable c : closing) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("Close failed component={} error={}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }

  public static void main(String[] args) throws Exception {
    ServingSettings settings;
    try {
      settings = ServingSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("serving: " + e.getMessage());
      System.exit(2);
      return;
    }
    var registry = new CachingSchemaRegistryClient(RegistryClientConfig.from(
        Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, settings.schemaRegistryUrl())));
    var app = start(settings, registry);
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "serving-stop"));
    stopped.await();
  }
}
