package io.strata.registry.models;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.blobstore.BlobStore;
import io.strata.blobstore.BlobStores;
import io.strata.events.ModelEvent;
import io.strata.events.TrainingJobEvent;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.controlplane.ControlPlaneSettings;
import io.strata.registry.controlplane.EventWriter;
import io.strata.registry.schemas.LocalSchemaRegistryClient;
import io.strata.registry.schemas.StoreSettings;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the model registry at startup when the control plane is enabled: the folds of {@code models} and
 * {@code training-jobs} are built from the beginning, then the auto-publisher starts (so a restart never publishes
 * a job twice: the models view knows which jobs are published).
 */
@Factory
final class ModelsFactory {

  private static final Logger log = LoggerFactory.getLogger(ModelsFactory.class);

  @Context
  @Bean(preDestroy = "close")
  ModelsFeature models(Environment environment, StoreSettings store, LocalSchemaRegistryClient registry,
      ControlPlane controlPlane, Clock clock) {
    var controlPlaneSettings = ControlPlaneSettings.from(environment);
    if (!controlPlaneSettings.enabled()) {
      return new ModelsFeature(Optional.empty(), List.of());
    }
    var settings = ModelSettings.from(environment);
    var timeout = controlPlaneSettings.timeout();
    Map<String, Object> kafka = Map.of("bootstrap.servers", store.bootstrapServers());
    Optional<BlobStore> blobs = settings.blobStore().map(ModelsFactory::open);
    var resources = new ArrayList<AutoCloseable>();

    Map<String, String> publishedJobs = new ConcurrentHashMap<>();
    var modelsRef = new AtomicReference<CompactedTopicView<ModelEvent, ModelState>>();
    var modelsView = new CompactedTopicView<ModelEvent, ModelState>("models-view", kafka, settings.modelsTopic(),
        Topics.MODELS.valueSerde(registry).deserializer(), (key, event) -> {
          ModelState next = ModelState.apply(modelsRef.get().get(key).orElse(null), event);
          if (next != null && event.getPublished() != null && next.versions().containsKey(event.getVersion())) {
            publishedJobs.putIfAbsent(event.getPublished().getJobId(), key + ":" + event.getVersion());
          }
          return next;
        });
    modelsRef.set(modelsView);

    var publisherRef = new AtomicReference<AutoPublisher>();
    var jobsRef = new AtomicReference<CompactedTopicView<TrainingJobEvent, JobState>>();
    var jobsView = new CompactedTopicView<TrainingJobEvent, JobState>("training-jobs-view", kafka,
        settings.jobsTopic(), Topics.TRAINING_JOBS.valueSerde(registry).deserializer(), (key, event) -> {
          JobState next = JobState.apply(jobsRef.get().get(key).orElse(null), event);
          AutoPublisher publisher = publisherRef.get();
          if (publisher != null && event.getKind() == io.strata.events.TrainingJobEventKind.SUCCEEDED) {
            publisher.offer(next);
          }
          return next;
        });
    jobsRef.set(jobsView);
    try {
      modelsView.start();
      resources.add(0, modelsView);
      jobsView.start();
      resources.add(0, jobsView);
      modelsView.awaitCaughtUp(timeout.multipliedBy(3));
      jobsView.awaitCaughtUp(timeout.multipliedBy(3));
      var writer = new EventWriter<>(producer(kafka, registry), settings.modelsTopic(), modelsView::awaitApplied,
          timeout);
      resources.add(0, writer);
      var models = new Models(modelsView, publishedJobs, jobsView, writer, blobs, clock);
      if (settings.autoPublish() && blobs.isPresent()) {
        var deadLetters = new JobDeadLetters(kafka, settings.jobsTopic(), JobDeadLetters.defaultTopic(),
            Topics.TRAINING_JOBS.valueSerde(registry).serializer());
        var publisher = new AutoPublisher(models, deadLetters);
        publisherRef.set(publisher);
        publisher.start(jobsView.values());
        resources.add(deadLetters);
        resources.add(0, publisher);
      } else {
        log.warn("Model auto-publish is off: {}", blobs.isEmpty() ? ModelSettings.BLOB_STORE + " is not set"
            : ModelSettings.AUTO_PUBLISH + "=false");
      }
      log.info("Model registry enabled modelsTopic={} jobsTopic={} blobStore={} autoPublish={}",
          settings.modelsTopic(), settings.jobsTopic(), settings.blobStore().orElse("(none)"),
          publisherRef.get() != null);
      return new ModelsFeature(Optional.of(models), resources);
    } catch (RuntimeException e) {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }

  private static BlobStore open(String location) {
    try {
      Path spool = Files.createTempDirectory("strata-registry-spool-");
      return BlobStores.open(location, spool);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + ModelSettings.BLOB_STORE + " '" + location + "'", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid " + ModelSettings.BLOB_STORE + " '" + location + "': "
          + e.getMessage(), e);
    }
  }

  private static KafkaProducer<String, ModelEvent> producer(Map<String, Object> kafka,
      LocalSchemaRegistryClient registry) {
    var props = new HashMap<String, Object>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(props, new StringSerializer(), Topics.MODELS.valueSerde(registry).serializer());
  }
}
