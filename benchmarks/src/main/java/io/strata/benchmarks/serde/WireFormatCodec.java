package io.strata.benchmarks.serde;

import io.strata.events.SampleEvent;
import io.strata.schemas.registry.SchemaRegistryClient;
import io.strata.schemas.serde.SpecificAvroDeserializer;
import io.strata.schemas.serde.SpecificAvroSerializer;
import io.strata.schemas.topics.Topics;

/** Strata's serde as a producer and a consumer use it: subject resolution, cached schema id, header, Avro. */
final class WireFormatCodec implements Codec {

  private static final String TOPIC = Topics.SAMPLES.name();

  private final SpecificAvroSerializer<SampleEvent> serializer;
  private final SpecificAvroDeserializer<SampleEvent> deserializer;

  WireFormatCodec(SchemaRegistryClient registry) {
    this.serializer = new SpecificAvroSerializer<>(registry);
    this.deserializer = new SpecificAvroDeserializer<>(registry, SampleEvent.class);
  }

  @Override
  public String name() {
    return "Strata wire-format serde";
  }

  @Override
  public byte[] encode(SampleEvent event) {
    return serializer.serialize(TOPIC, event);
  }

  @Override
  public SampleEvent decode(byte[] bytes) {
    return deserializer.deserialize(TOPIC, bytes);
  }
}
