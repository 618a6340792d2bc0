/**
 * Clients of a Confluent-compatible schema registry: {@link io.strata.schemas.registry.SchemaRegistryClient}
 * with a caching HTTP implementation for production and an in-memory one for tests and tools. The serdes and
 * the Connect converter reach the registry only through this interface.
 */
package io.strata.schemas.registry;
