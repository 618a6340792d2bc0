package io.strata.lakehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class KafkaMetadataColumnsTest {

  private static final Schema VALUE = SchemaBuilder.struct().name("io.strata.events.Thing")
      .field("eventId", Schema.STRING_SCHEMA).build();

  @Test
  void shouldAppendTopicPartitionOffsetAndAppendTimeAsTheTableDefinesThem() {
    var record = new SinkRecord("api-calls", 4, Schema.STRING_SCHEMA, "k", VALUE,
        new Struct(VALUE).put("eventId", "e-1"), 1234L, 1_700_000_000_000L, TimestampType.LOG_APPEND_TIME);

    try (var transform = new KafkaMetadataColumns()) {
      Struct value = (Struct) transform.apply(record).value();

      assertThat(value.getString("eventId")).isEqualTo("e-1");
      assertThat(value.getString("_kafka_topic")).isEqualTo("api-calls");
      assertThat(value.getInt32("_kafka_partition")).isEqualTo(4);
      assertThat(value.getInt64("_kafka_offset")).isEqualTo(1234L);
      assertThat(value.get("_kafka_append_time")).isEqualTo(new Date(1_700_000_000_000L));
      assertThat(value.schema().field("_kafka_offset").schema().isOptional()).isFalse();
    }
  }

  @Test
  void shouldPassTombstonesAndRejectSchemalessValues() {
    try (var transform = new KafkaMetadataColumns()) {
      var tombstone = new SinkRecord("apps", 0, null, "k", null, null, 1L);
      assertThat(transform.apply(tombstone)).isSameAs(tombstone);

      var text = new SinkRecord("apps", 0, null, "k", null, "plain text", 2L, 5L, TimestampType.CREATE_TIME);
      assertThatThrownBy(() -> transform.apply(text)).isInstanceOf(DataException.class)
          .hasMessageContaining("needs Struct values");
    }
  }
}
