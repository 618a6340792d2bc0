package io.strata.streams;

import io.strata.streams.deadletters.DeadLetters;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What every Strata stream processor runs with: exactly-once (v2), explicitly named internal topics and stores,
 * and the dead-letter handler for records it cannot read or process.
 *
 * @param bootstrapServers Kafka
 * @param registryUrl the schema registry
 * @param blobStore where sample bytes are, as {@link io.strata.blobstore.BlobStores#open} reads it
 * @param stateDirectory where state stores live (one sub-directory per application)
 * @param overrides further Kafka Streams settings, applied last
 */
public record ProcessorSettings(String bootstrapServers, String registryUrl, String blobStore, Path stateDirectory,
    Map<String, String> overrides) {

  public ProcessorSettings {
    overrides = Map.copyOf(overrides);
  }

  /** The Kafka Streams configuration of the application {@code applicationId}. */
  public Properties streamsConfig(String applicationId) {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    props.putAll(overrides);
    return props;
  }
}
