/**
 * Cheap HTTP load for the benchmarks: keep-alive connections with pre-built requests and a closed-loop,
 * single-selector load generator, so that the client takes little of the CPU it shares with the server.
 */
package io.strata.benchmarks.http;
