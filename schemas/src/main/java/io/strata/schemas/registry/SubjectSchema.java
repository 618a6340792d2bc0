package io.strata.schemas.registry;

import org.apache.avro.Schema;

/**
 * Cache key of a schema under a subject. Avro caches a schema's hash code and compares an instance with itself
 * by identity first, so a lookup with the schema object a record carries costs two cached hashes and no
 * structural comparison. Avro's equality ignores {@code doc}s: two schemas differing only in documentation
 * share an id here, which is harmless because they encode the same bytes.
 */
record SubjectSchema(String subject, Schema schema) {}
