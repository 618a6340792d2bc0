package io.strata.drift;

import io.strata.events.FeatureProfile;
import io.strata.events.ModelEvent;
import io.strata.events.ModelEventKind;
import io.strata.events.Prediction;
import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.topics.Topics;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes {@code predictions} or {@code models} records (Strata's Confluent-compatible wire format, through the
 * schema registry) into {@link Observation}s. Other model events than a published version with a profile are
 * skipped; a record that does not decode becomes a POISON observation for the dead letters, never an exception
 * that would stop the job.
 */
final class WireFormatDecoder implements KafkaRecordDeserializationSchema<Observation> {

  private static final long serialVersionUID = 1L;

  /** Which topic the decoder reads. */
  enum Source { PREDICTIONS, MODELS }

  private final Source source;
  private final String registryUrl;
  private transient Deserializer<Prediction> predictions;
  private transient Deserializer<ModelEvent> models;

  WireFormatDecoder(Source source, String registryUrl) {
    this.source = source;
    this.registryUrl = registryUrl;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    Map<String, Object> config = Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registryUrl);
    if (source == Source.PREDICTIONS) {
      predictions = Topics.PREDICTIONS.valueSerde(config).deserializer();
    } else {
      models = Topics.MODELS.valueSerde(config).deserializer();
    }
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Observation> out) {
    try {
      if (source == Source.PREDICTIONS) {
        Prediction p = predictions.deserialize(record.topic(), record.value());
        var o = new Observation();
        o.kind = Observation.Kind.PREDICTION;
        o.tenantId = p.getTenantId();
        o.modelName = p.getModelName();
        o.modelVersion = p.getModelVersion();
        o.key = key(o.tenantId, o.modelName, o.modelVersion);
        o.timestamp = p.getOccurredAt().toEpochMilli();
        p.getFeatures().forEach((name, value) -> o.features.put(name, value));
        o.predictedClass = p.getPredictedClass();
        out.collect(o);
        return;
      }
      ModelEvent event = models.deserialize(record.topic(), record.value());
      if (event.getKind() != ModelEventKind.VERSION_PUBLISHED || event.getPublished() == null
          || event.getPublished().getReferenceProfile() == null) {
        return;
      }
      var o = new Observation();
      o.kind = Observation.Kind.PROFILE;
      o.tenantId = event.getTenantId();
      o.modelName = event.getModelName();
      o.modelVersion = event.getVersion();
      o.key = key(o.tenantId, o.modelName, o.modelVersion);
      o.timestamp = event.getOccurredAt().toEpochMilli();
      var profile = event.getPublished().getReferenceProfile();
      for (FeatureProfile feature : profile.getFeatures()) {
        o.binEdges.put(feature.getName(), feature.getBinEdges().stream().mapToDouble(Double::doubleValue).toArray());
        o.binFractions.put(feature.getName(),
            feature.getBinFractions().stream().mapToDouble(Double::doubleValue).toArray());
      }
      profile.getClassDistribution().forEach((name, share) -> o.classDistribution.put(name, share));
      out.collect(o);
    } catch (RuntimeException e) {
      var o = new Observation();
      o.kind = Observation.Kind.POISON;
      o.key = "poison";
      o.timestamp = record.timestamp();
      o.sourceTopic = record.topic();
      o.sourcePartition = record.partition();
      o.sourceOffset = record.offset();
      o.reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      o.rawKey = record.key();
      o.rawValue = record.value();
      out.collect(o);
    }
  }

  static String key(String tenantId, String modelName, int version) {
    return tenantId + "/" + modelName + "/" + version;
  }

  @Override
  public TypeInformation<Observation> getProducedType() {
    return TypeInformation.of(Observation.class);
  }
}
