package io.strata.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.SampleEvent;
import io.strata.schemas.testing.Events;
import io.strata.schemas.testing.FakeRegistryServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Serdes configured the way Kafka configures them, against a registry reached over HTTP. */
class SerdeRegistryTrafficTest {

  private final FakeRegistryServer registry = FakeRegistryServer.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void shouldMakeNoRegistryRequestPerRecordOnceWarmedUp() {
    Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    try (var producerSide = new SpecificAvroSerde<SampleEvent>(); var consumerSide = new SpecificAvroSerde<SampleEvent>()) {
      producerSide.configure(configs, false);
      consumerSide.configure(configs, false);
      SampleEvent event = Events.uploaded();

      byte[] first = producerSide.serializer().serialize("samples", event);
      assertThat(consumerSide.deserializer().deserialize("samples", first)).isEqualTo(event);
      int warmUpRequests = registry.requests().size();

      for (int i = 0; i < 200; i++) {
        byte[] bytes = producerSide.serializer().serialize("samples", event);
        assertThat(consumerSide.deserializer().deserialize("samples", bytes)).isEqualTo(event);
      }

      assertThat(warmUpRequests).isEqualTo(2);
      assertThat(registry.requests()).extracting(FakeRegistryServer.Request::path)
          .containsExactly("/subjects/samples-value/versions", "/schemas/ids/1");
    }
  }
}
