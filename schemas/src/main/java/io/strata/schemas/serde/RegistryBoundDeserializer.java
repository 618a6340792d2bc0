package io.strata.schemas.serde;

import io.strata.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the generic and specific deserializers share: the registry binding and configuration. A subclass says
 * only how to build its decoder from the binding.
 */
abstract class RegistryBoundDeserializer<T> implements Deserializer<T> {

  private final RegistryBinding binding;
  private final Function<RegistryBinding, WireDecoder<T>> decoders;
  private volatile WireDecoder<T> decoder;

  RegistryBoundDeserializer(SchemaRegistryClient registry, Function<RegistryBinding, WireDecoder<T>> decoders) {
    this.binding = new RegistryBinding(registry);
    this.decoders = decoders;
    if (registry != null) {
      this.decoder = decoders.apply(binding);
    }
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    configure(configs, isKey, null);
  }

  void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient shared) {
    binding.configure(configs, isKey, shared);
    decoder = decoders.apply(binding);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    WireDecoder<T> current = decoder;
    if (current == null) {
      throw RegistryBinding.notConfigured();
    }
    return current.decode(topic, data);
  }

  @Override
  public void close() {
    binding.close();
  }
}
