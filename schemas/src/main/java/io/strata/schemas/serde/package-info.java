/**
 * Kafka serdes for Avro records in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary), byte-for-byte what Confluent's {@code KafkaAvroSerializer} writes, configured with Confluent's keys.
 * Specific serdes read into generated classes, resolving schema evolution; generic ones keep the writer's schema.
 */
package io.strata.schemas.serde;
