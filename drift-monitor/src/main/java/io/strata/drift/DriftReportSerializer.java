package io.strata.drift;

import io.strata.events.DriftReport;
import io.strata.events.DriftSeverity;
import io.strata.events.FeatureDrift;
import io.strata.schemas.registry.RegistryClientConfig;
import io.strata.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link WindowReport} as a {@code DriftReport} in the wire format, keyed {@code tenant/model/version}.
 * Its eventId is a name-based UUID of the key and the window start, so a replay after a restore gives the same id.
 */
final class DriftReportSerializer implements KafkaRecordSerializationSchema<WindowReport> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String registryUrl;
  private final String producer;
  private transient Serializer<DriftReport> serializer;

  DriftReportSerializer(String topic, String registryUrl, String producer) {
    this.topic = topic;
    this.registryUrl = registryUrl;
    this.producer = producer;
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
    serializer = Topics.DRIFT_REPORTS.valueSerde(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registryUrl))
        .serializer();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(WindowReport report, KafkaSinkContext context, Long timestamp) {
    var features = new ArrayList<FeatureDrift>();
    for (int i = 0; i < report.featureNames.size(); i++) {
      features.add(FeatureDrift.newBuilder().setName(report.featureNames.get(i)).setPsi(report.featurePsi.get(i))
          .setKsStatistic(report.featureKs.get(i)).build());
    }
    DriftReport value = DriftReport.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes(("drift:" + report.key + ":" + report.windowStart)
            .getBytes(StandardCharsets.UTF_8)).toString())
        .setTenantId(report.tenantId).setOccurredAt(Instant.ofEpochMilli(report.windowEnd)).setProducer(producer)
        .setModelName(report.modelName).setModelVersion(report.modelVersion)
        .setWindowStart(Instant.ofEpochMilli(report.windowStart)).setWindowEnd(Instant.ofEpochMilli(report.windowEnd))
        .setPredictionCount(report.predictionCount).setFeatures(features)
        .setClassDistributionPsi(report.classDistributionPsi).setSeverity(DriftSeverity.valueOf(report.severity))
        .build();
    return new ProducerRecord<>(topic, null, report.windowEnd, report.key.getBytes(StandardCharsets.UTF_8),
        serializer.serialize(topic, value));
  }
}
