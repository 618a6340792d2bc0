package io.strata.registry.datasets;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.strata.auth.apps.CompactedTopicView;
import io.strata.events.DatasetEvent;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.controlplane.ControlPlaneSettings;
import io.strata.registry.controlplane.EventWriter;
import io.strata.registry.schemas.LocalSchemaRegistryClient;
import io.strata.registry.schemas.StoreSettings;
import io.strata.schemas.topics.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the datasets API at startup when the control plane is enabled: the fold of {@code datasets} and the index
 * of {@code dataset-version-items} are built from the beginning before the first call is served.
 */
@Factory
final class DatasetsFactory {

  private static final Logger log = LoggerFactory.getLogger(DatasetsFactory.class);

  @Context
  @Bean(preDestroy = "close")
  DatasetsFeature datasets(Environment environment, StoreSettings store, LocalSchemaRegistryClient registry,
      ControlPlane controlPlane, Clock clock) {
    var controlPlaneSettings = ControlPlaneSettings.from(environment);
    if (!controlPlaneSettings.enabled()) {
      return new DatasetsFeature(Optional.empty(), List.of());
    }
    var settings = DatasetSettings.from(environment);
    Map<String, Object> kafka = Map.of("bootstrap.servers", store.bootstrapServers());
    var timeout = controlPlaneSettings.timeout();
    var applied = new Object();
    // The fold reads the previous state on the view's own thread, then wakes requests waiting for a cut.
    var previous = new AtomicReference<CompactedTopicView<DatasetEvent, DatasetState>>();
    var folding = new CompactedTopicView<DatasetEvent, DatasetState>("datasets-view", kafka, settings.datasetsTopic(),
        Topics.DATASETS.valueSerde(registry).deserializer(), (key, event) -> {
          DatasetState next = DatasetState.apply(previous.get().get(key).orElse(null), event);
          synchronized (applied) {
            applied.notifyAll();
          }
          return next;
        });
    previous.set(folding);
    var index = new VersionItemsIndex(kafka, settings.itemsTopic());
    folding.start();
    try {
      index.start();
    } catch (RuntimeException e) {
      folding.close();
      throw e;
    }
    folding.awaitCaughtUp(timeout.multipliedBy(3));
    index.awaitCaughtUp(timeout.multipliedBy(3));
    var writer = new EventWriter<>(producer(kafka, registry), settings.datasetsTopic(), folding::awaitApplied, timeout);
    var reader = new VersionItemsReader(kafka, settings.itemsTopic(),
        () -> Topics.DATASET_VERSION_ITEMS.valueSerde(registry).deserializer(), index, timeout);
    var datasets = new Datasets(folding, applied, writer, controlPlane.tenants(), reader, settings, clock);
    log.info("Datasets API enabled datasetsTopic={} itemsTopic={} diffMaxItems={}", settings.datasetsTopic(),
        settings.itemsTopic(), settings.diffMaxItems());
    return new DatasetsFeature(Optional.of(datasets), List.of(writer, index, folding));
  }

  private static KafkaProducer<String, DatasetEvent> producer(Map<String, Object> kafka,
      LocalSchemaRegistryClient registry) {
    var props = new HashMap<String, Object>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(props, new StringSerializer(), Topics.DATASETS.valueSerde(registry).serializer());
  }
}
