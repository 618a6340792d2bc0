package io.strata.registry.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.avro.Schema;

/**
 * An Avro schema as the registry stores it: its canonical text (Avro's own JSON rendering of the parsed
 * schema, as Confluent stores it) and the parsed form. Two schemas are the same registration when their
 * canonical texts are equal: whitespace and attribute order do not matter, doc, defaults and aliases do
 * (Parsing Canonical Form would drop those, and defaults decide compatibility).
 */
record ParsedSchema(String canonical, Schema avro) {

  static final String AVRO = "AVRO";

  /**
   * Parses {@code text} as Avro, validating names and defaults.
   *
   * @throws RegistryException 42201 with the parser's message
   */
  static ParsedSchema parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryException.invalidSchema("the schema is empty");
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      // Avro reports bad JSON, bad names and bad defaults with several unchecked exception types.
      throw RegistryException.invalidSchema(e.getCause() instanceof JsonProcessingException json
          ? "not valid JSON: " + json.getOriginalMessage()
          : e.getMessage());
    }
    return new ParsedSchema(schema.toString(), schema);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ParsedSchema that && canonical.equals(that.canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return canonical;
  }
}
