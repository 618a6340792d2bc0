package io.strata.registry.console;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.blobstore.BlobStore;
import io.strata.blobstore.BlobStores;
import io.strata.events.SampleEvent;
import io.strata.registry.controlplane.ControlPlaneSettings;
import io.strata.registry.schemas.LocalSchemaRegistryClient;
import io.strata.registry.schemas.StoreSettings;
import io.strata.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the console's samples when the control plane is enabled: {@value #SAMPLES_TOPIC} (default
 * {@code samples}) is read into a {@link SampleIndex} keeping {@value #PER_TENANT} samples per tenant (default
 * {@value #DEFAULT_PER_TENANT}); thumbnails come from {@value #BLOB_STORE}.
 */
@Factory
final class SamplesFactory {

  static final String SAMPLES_TOPIC = "strata.samples.topic";
  static final String PER_TENANT = "strata.console.samples-per-tenant";
  static final String BLOB_STORE = "strata.blob-store";
  static final int DEFAULT_PER_TENANT = 500;

  @Context
  @Bean(preDestroy = "close")
  SamplesFeature samples(Environment environment, StoreSettings store, LocalSchemaRegistryClient registry) {
    if (!ControlPlaneSettings.from(environment).enabled()) {
      return SamplesFeature.disabled("The control plane is disabled.");
    }
    String topic = environment.get(SAMPLES_TOPIC, String.class).orElse(Topics.SAMPLES.name());
    int perTenant = environment.get(PER_TENANT, Integer.class).orElse(DEFAULT_PER_TENANT);
    if (perTenant < 1) {
      throw new IllegalArgumentException("Invalid " + PER_TENANT + " '" + perTenant + "': keep at least 1 sample "
          + "per tenant (default " + DEFAULT_PER_TENANT + ")");
    }
    var index = new SampleIndex(perTenant);
    Optional<BlobStore> blobs = environment.get(BLOB_STORE, String.class).map(SamplesFactory::open);
    Map<String, Object> kafka = Map.of("bootstrap.servers", store.bootstrapServers(),
        "allow.auto.create.topics", false);
    var view = new CompactedTopicView<SampleEvent, Object>("console-samples", kafka, topic,
        Topics.SAMPLES.valueSerde(registry).deserializer(), (key, event) -> {
          index.apply(event);
          return null;
        });
    return SamplesFeature.reading(index, blobs, view, topic);
  }

  private static BlobStore open(String location) {
    try {
      return BlobStores.open(location, Files.createTempDirectory("strata-console-spool-"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + BLOB_STORE + " '" + location + "'", e);
    }
  }
}
