package io.strata.registry.schemas;

/**
 * The schema part of a register, lookup or compatibility request, as the client sent it.
 *
 * @param schema the schema text
 * @param schemaType {@code AVRO} when absent, as in Confluent
 * @param referenceCount how many schema references the request carries
 */
record SchemaRequest(String schema, String schemaType, int referenceCount) {

  /**
   * The parsed Avro schema.
   *
   * @throws RegistryException 42201 for another schema type, references, or a schema Avro rejects
   */
  ParsedSchema parse() {
    if (schemaType != null && !ParsedSchema.AVRO.equalsIgnoreCase(schemaType)) {
      throw RegistryException.invalidSchema("schema type '" + schemaType
          + "' is not supported; this registry accepts AVRO only");
    }
    if (referenceCount > 0) {
      throw RegistryException.invalidSchema("schema references are not supported; inline the referenced types");
    }
    return ParsedSchema.parse(schema);
  }
}
