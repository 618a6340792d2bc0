/**
 * The schema registry under load: 32 keep-alive clients against a schema lookup, an idempotent re-registration
 * and a constant Micronaut endpoint in the same server, which is the floor the registry is measured against.
 */
package io.strata.benchmarks.registry;
