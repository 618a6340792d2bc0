/**
 * The typed topic catalog: every topic's name, serdes, partitions and configuration in one place.
 * Services, connectors and the embedded broker reach topics only through {@link io.strata.schemas.topics.Topics}.
 */
package io.strata.schemas.topics;
