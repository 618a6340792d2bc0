package io.strata.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject, as the registry's {@code GET /subjects/{subject}/versions/latest} returns it.
 *
 * @param subject the subject, e.g. {@code samples-value}
 * @param version the version number within the subject, from 1
 * @param id the schema's global id, the one written into the wire format
 * @param schema the parsed schema
 */
public record SubjectVersion(String subject, int version, int id, Schema schema) {

  public SubjectVersion {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
