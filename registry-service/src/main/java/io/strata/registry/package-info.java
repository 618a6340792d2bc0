/**
 * The registry service: its process entry point ({@link io.strata.registry.Application}), the in-process
 * starter the CLI uses ({@link io.strata.registry.RegistryServer}) and the HTTP conventions every feature
 * shares (Confluent-shaped JSON errors, content negotiation). Features live in sub-packages.
 */
package io.strata.registry;
