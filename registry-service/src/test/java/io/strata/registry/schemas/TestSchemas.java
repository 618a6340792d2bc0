package io.strata.registry.schemas;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Avro record schemas for tests, written as JSON text the way clients send them. */
final class TestSchemas {

  static final String ID = "{\"name\":\"id\",\"type\":\"string\"}";
  static final String WIDTH = "{\"name\":\"width\",\"type\":\"int\"}";
  static final String WIDTH_WITH_DEFAULT = "{\"name\":\"width\",\"type\":\"int\",\"default\":0}";
  static final String HEIGHT = "{\"name\":\"height\",\"type\":\"int\"}";
  static final String HEIGHT_WITH_DEFAULT = "{\"name\":\"height\",\"type\":\"int\",\"default\":0}";

  /** {@code {"id"}} */
  static final String V1 = sample(ID);
  /** {@code {"id", "width" = 0}}: backward and forward compatible with {@link #V1}. */
  static final String V2 = sample(ID, WIDTH_WITH_DEFAULT);
  /** {@code {"id", "width"}} without default: not backward compatible with {@link #V1}. */
  static final String V2_NO_DEFAULT = sample(ID, WIDTH);

  private TestSchemas() {}

  /**
   * {@link #V1}, {@link #V2} and {@link #V2_NO_DEFAULT} under a record name no other test uses, so that their
   * ids are not shared with other tests' subjects on the same registry.
   */
  record Unique(String v1, String v2, String v2NoDefault) {
    static Unique create() {
      String name = "Sample_" + java.util.UUID.randomUUID().toString().substring(0, 8);
      return new Unique(record(name, ID), record(name, ID, WIDTH_WITH_DEFAULT), record(name, ID, WIDTH));
    }
  }

  /** A record named {@code Sample} with these field definitions. */
  static String sample(String... fields) {
    return record("Sample", fields);
  }

  static String record(String name, String... fields) {
    return "{\"type\": \"record\", \"name\": \"" + name + "\", \"namespace\": \"io.strata.test\", \"fields\": ["
        + Arrays.stream(fields).collect(Collectors.joining(", ")) + "]}";
  }

  static String canonical(String schema) {
    return ParsedSchema.parse(schema).canonical();
  }
}
