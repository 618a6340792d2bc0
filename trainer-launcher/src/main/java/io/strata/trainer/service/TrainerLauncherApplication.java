package io.strata.trainer.service;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strata.auth.apps.AppsView;
import io.strata.auth.signing.SignatureVerifier;
import io.strata.auth.signing.VerifierSettings;
import io.strata.events.TrainingJobEvent;
import io.strata.schemas.registry.CachingSchemaRegistryClient;
import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.topics.Topics;
import io.strata.trainer.jobs.JobEvents;
import io.strata.blobstore.BlobStore;
import io.strata.blobstore.BlobStores;
import io.strata.trainer.custom.CustomTrainerLauncher;
import io.strata.trainer.custom.ItemsFile;
import io.strata.trainer.launch.KubernetesJobLauncher;
import io.strata.trainer.launch.Launcher;
import io.strata.trainer.launch.LocalProcessLauncher;
import io.strata.observability.http.ObservabilityEndpoints;
import io.strata.trainer.scheduler.GpuScheduler;
import io.strata.trainer.scheduler.Node;
import io.strata.trainer.scheduler.SchedulerConfig;
import io.strata.trainer.trainers.TrainerAppender;
import io.strata.trainer.trainers.TrainersView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer launcher service: schedules {@code training-jobs} on the GPU pool, runs the trainers, records their
 * life as events and serves the training-jobs API on {@code STRATA_HTTP_PORT} (docs/gpu-scheduler.md, "Service").
 * Configured from the environment ({@link LauncherSettings}); only one instance may run (a lease refuses a second).
 */
public final class TrainerLauncherApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrainerLauncherApplication.class);
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);
  /** How long a custom trainer's preparation waits for its dataset version's items. */
  private static final Duration ITEMS_TIMEOUT = Duration.ofMinutes(2);

  private final List<AutoCloseable> closing;
  private final HttpApi http;
  private final LaunchEngine engine;
  private final CountDownLatch closed = new CountDownLatch(1);

  private TrainerLauncherApplication(List<AutoCloseable> closing, HttpApi http, LaunchEngine engine) {
    this.closing = closing;
    this.http = http;
    this.engine = engine;
  }

  /**
   * Starts the service: takes the single-instance lease, reads the views, replays {@code training-jobs}, applies
   * the restart rule and opens the HTTP API. Returns once it serves.
   *
   * @param registry the schema registry client the serdes use (not closed by the service)
   * @throws IllegalStateException when another instance runs or the state cannot be rebuilt
   */
  public static TrainerLauncherApplication start(LauncherSettings settings, SchemaRegistryClient registry)
      throws IOException {
    Map<String, Object> kafka = Map.of("bootstrap.servers", settings.bootstrapServers());
    var closing = new ArrayList<AutoCloseable>();
    var self = new AtomicReference<TrainerLauncherApplication>();
    try {
      var lease = new SingleInstanceLease(kafka, settings.lease(), () -> {
        TrainerLauncherApplication app = self.get();
        if (app != null) {
          new Thread(() -> {
            app.engine.abandon();
            app.close();
          }, "trainer-launcher-lease-lost").start();
        }
      });
      lease.acquire();
      closing.add(lease);
      var topics = settings.topics();
      var datasets = new DatasetVersions(kafka, topics.datasets(),
          Topics.DATASETS.valueSerde(registry).deserializer());
      closing.add(0, datasets);
      datasets.start(STARTUP);
      Optional<SignatureVerifier> verifier = Optional.empty();
      if (settings.keyring().isPresent()) {
        var apps = new AppsView(kafka, topics.apps(), Topics.APPS.valueSerde(registry).deserializer(),
            settings.keyring().get());
        closing.add(0, apps);
        apps.start();
        apps.awaitCaughtUp(STARTUP);
        verifier = Optional.of(new SignatureVerifier(apps, Clock.systemUTC(), VerifierSettings.defaults()));
      }
      Serde<TrainingJobEvent> serde = Topics.TRAINING_JOBS.valueSerde(registry);
      var jobs = new JobsView(kafka, topics.trainingJobs(), serde.deserializer());
      closing.add(0, jobs);
      jobs.start(STARTUP);
      var appender = new EventAppender(kafka, topics.trainingJobs(), serde.serializer(), WRITE_TIMEOUT);
      closing.add(appender);
      Files.createDirectories(settings.logsDir());
      Files.createDirectories(settings.workDir());
      boolean kubernetes = settings.launcher().equals("kubernetes");
      Launcher base = kubernetes
          ? new KubernetesJobLauncher(new KubernetesClientBuilder().build(), settings.kubernetesNamespace(),
              Duration.ofSeconds(2))
          : new LocalProcessLauncher(settings.logsDir());
      Path spool = settings.dataDir().resolve("training").resolve("spool");
      BlobStore blobs = BlobStores.open(settings.blobStore(), spool);
      var trainersView = new TrainersView(kafka, topics.trainers(), Topics.TRAINERS.valueSerde(registry)
          .deserializer());
      closing.add(0, trainersView);
      trainersView.start(STARTUP);
      var trainerAppender = new TrainerAppender(kafka, topics.trainers(), Topics.TRAINERS.valueSerde(registry)
          .serializer(), WRITE_TIMEOUT);
      closing.add(trainerAppender);
      var launcher = new CustomTrainerLauncher(base, blobs, new ItemsFile(kafka, topics.datasetVersionItems(),
          Topics.DATASET_VERSION_ITEMS.valueSerde(registry).deserializer()), settings.workDir(), ITEMS_TIMEOUT,
          new CustomTrainerLauncher.ClusterEnv(settings.bootstrapServers(), settings.schemaRegistryUrl(),
              topics.datasetVersionItems()));
      var events = new JobEvents(settings.producer(), launcher.name(), Clock.systemUTC(),
          () -> UUID.randomUUID().toString());
      List<Node> nodes = GpuInventory.load(settings.inventory(), settings.host());
      log.info("GPU inventory source={} nodes={}", settings.inventory(), GpuInventory.describe(nodes));
      var command = new TrainerCommand(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          settings.builtinClasspath(), settings.builtinMain(), settings.bootstrapServers(),
          settings.schemaRegistryUrl(), settings.blobStore(), settings.workDir(), settings.djlCacheDir());
      var engine = new LaunchEngine(kafka, topics.trainingJobs(), Topics.TRAINING_JOBS.valueSerde(registry)
          .deserializer(), appender, events, new GpuScheduler(SchedulerConfig.defaults()), nodes, launcher,
          new TrainerResolver(command, trainersView::latest, kubernetes), datasets, Clock.systemUTC());
      closing.add(0, engine);
      engine.start(STARTUP);
      var api = new TrainingJobsApi(jobs, datasets, trainersView, appender, events, settings.logsDir(), WRITE_TIMEOUT);
      var trainersApi = new TrainersApi(trainersView, trainerAppender, blobs, spool, settings.producer(), kubernetes,
          Clock.systemUTC(), WRITE_TIMEOUT);
      var metrics = LauncherMetrics.create(engine::stats);
      closing.add(metrics);
      var http = new HttpApi(settings.httpPort(), new RequestAuth(settings.adminToken(), verifier), api, trainersApi,
          engine::stats, metrics.http());
      ObservabilityEndpoints.attachMetrics(http.server(), metrics);
      closing.add(0, http);
      var app = new TrainerLauncherApplication(closing, http, engine);
      self.set(app);
      log.info("Trainer launcher ready port={} settings={}", http.port(), settings);
      return app;
    } catch (IOException | RuntimeException e) {
      closeAll(closing);
      throw e;
    }
  }

  /** The HTTP port (useful when started with port 0). */
  public int port() {
    return http.port();
  }

  /** {@code UP} once serving, {@code FAILED} after the engine failed. */
  public String status() {
    return engine.stats().status();
  }

  /** Stops the API, stops running trainers (their jobs are requeued), and releases the lease. */
  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    closeAll(closing);
    closed.countDown();
  }

  /** Blocks until {@link #close()} finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
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
    var settings = LauncherSettings.fromEnvironment(System.getenv());
    var registry = new CachingSchemaRegistryClient(RegistryClientConfig.from(
        Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, settings.schemaRegistryUrl())));
    TrainerLauncherApplication app;
    try {
      app = start(settings, registry);
    } catch (RuntimeException e) {
      log.error("Trainer launcher cannot start: {}", e.getMessage());
      registry.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      registry.close();
    }, "trainer-launcher-shutdown"));
    while (!app.closed.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
      if (app.status().equals("FAILED")) {
        log.error("Trainer launcher engine failed; exiting so that a supervisor restarts it");
        app.close();
      }
    }
    // Closed by a lost lease or a failed engine rather than by a signal: exit so that a supervisor restarts it.
    System.exit(1);
  }
}
