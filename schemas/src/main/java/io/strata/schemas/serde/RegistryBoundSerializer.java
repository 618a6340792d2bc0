package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the generic and specific serializers share: the registry binding, configuration and the null-record
 * rule. A subclass says only how to build its encoder from the binding.
 */
abstract class RegistryBoundSerializer<T extends GenericContainer> implements Serializer<T> {

  private final RegistryBinding binding;
  private final Function<RegistryBinding, WireEncoder> encoders;
  private volatile WireEncoder encoder;

  RegistryBoundSerializer(SchemaRegistryClient registry, Function<RegistryBinding, WireEncoder> encoders) {
    this.binding = new RegistryBinding(registry);
    this.encoders = encoders;
    if (registry != null) {
      this.encoder = encoders.apply(binding);
    }
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey, null);
  }

  void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
    binding.configure(configs, isKey, shared);
    encoder = encoders.apply(binding);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    WireEncoder current = encoder;
    if (current == null) {
      throw RegistryBinding.notConfigured();
    }
    return current.encode(topic, record.getSchema(), record);
  }

  @Override
  public void close() {
    binding.close();
  }
}
