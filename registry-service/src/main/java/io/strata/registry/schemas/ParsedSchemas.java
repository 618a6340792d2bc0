package io.strata.registry.schemas;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the parse of schema texts clients send again and again: every serializer re-registers or looks
 * up its schema when it starts, and parsing Avro costs far more than answering from the view. Bounded: it
 * starts over when full. Only successful parses are kept; a refused text is parsed (and refused) each time.
 */
final class ParsedSchemas {

  private static final int CAPACITY = 4096;

  private final ConcurrentHashMap<String, ParsedSchema> byText = new ConcurrentHashMap<>();

  /**
   * The parsed schema of the request.
   *
   * @throws RegistryException 42201 as {@link SchemaRequest#parse()}
   */
  ParsedSchema parse(SchemaRequest request) {
    boolean plainAvro = request.schemaType() == null || ParsedSchema.AVRO.equalsIgnoreCase(request.schemaType());
    if (!plainAvro || request.referenceCount() > 0 || request.schema() == null) {
      return request.parse();
    }
    ParsedSchema known = byText.get(request.schema());
    if (known != null) {
      return known;
    }
    ParsedSchema parsed = request.parse();
    if (byText.size() >= CAPACITY) {
      byText.clear();
    }
    byText.put(request.schema(), parsed);
    return parsed;
  }
}
