package io.strata.schemas.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class TrustedStructsTest {

  private static final Schema INNER = SchemaBuilder.struct().name("Inner")
      .field("id", Schema.STRING_SCHEMA)
      .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
      .build();
  private static final Schema OUTER = SchemaBuilder.struct().name("Outer")
      .field("eventId", Schema.STRING_SCHEMA)
      .field("at", Timestamp.SCHEMA)
      .field("inner", INNER)
      .field("note", Schema.OPTIONAL_STRING_SCHEMA)
      .field("sizes", SchemaBuilder.array(Schema.INT64_SCHEMA).build())
      .build();

  @Test
  void shouldWriteTheStructsOwnValuesOnThisRuntime() {
    assertThat(TrustedStructs.direct()).as("Struct's value array is reachable").isTrue();
  }

  @Test
  void shouldBuildWhatPutBuildsAndStillValidate() {
    Struct inner = new Struct(INNER).put("id", "i-1").put("tags", Map.of("k", "v"));
    Struct expected = new Struct(OUTER).put("eventId", "e-1").put("at", new java.util.Date(5))
        .put("inner", inner).put("note", null).put("sizes", List.of(1L, 2L));

    Struct trustedInner = new Struct(INNER);
    TrustedStructs.set(trustedInner, INNER.field("id"), "i-1");
    TrustedStructs.set(trustedInner, INNER.field("tags"), Map.of("k", "v"));
    Struct trusted = new Struct(OUTER);
    TrustedStructs.set(trusted, OUTER.field("eventId"), "e-1");
    TrustedStructs.set(trusted, OUTER.field("at"), new java.util.Date(5));
    TrustedStructs.set(trusted, OUTER.field("inner"), trustedInner);
    TrustedStructs.set(trusted, OUTER.field("sizes"), List.of(1L, 2L));

    trusted.validate();
    assertThat(trusted).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(trusted.getStruct("inner").getString("id")).isEqualTo("i-1");
    assertThat(trusted.toString()).isEqualTo(expected.toString());
  }
}
