/**
 * The upload gateway service: {@link io.strata.ingest.gateway.GatewayServer} starts it inside another process
 * (tests, benchmarks), {@link io.strata.ingest.gateway.GatewayApplication} as a process of its own. Its
 * settings are {@link io.strata.ingest.gateway.GatewaySettings}; the work happens in the feature packages.
 */
package io.strata.ingest.gateway;
