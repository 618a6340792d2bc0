package io.strata.registry.schemas;

/**
 * One version of a subject.
 *
 * @param subject the subject
 * @param version its version number under the subject, from 1
 * @param id the global schema id, shared by every subject that registered the same schema
 * @param schema the schema
 * @param deleted whether the version was soft-deleted
 */
record SchemaVersion(String subject, int version, int id, ParsedSchema schema, boolean deleted) {

  SchemaVersion softDeleted() {
    return new SchemaVersion(subject, version, id, schema, true);
  }
}
