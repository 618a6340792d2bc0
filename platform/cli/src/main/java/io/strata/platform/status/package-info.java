/**
 * {@code strata status}: reads the runtime file that {@code up} wrote and asks every component it names
 * whether it is alive and what its {@code /metrics} say (uptime, request rate and p99, consumer lag, events produced,
 * training jobs, GPUs, sink commit age); prints a table or the JSON report.
 */
package io.strata.platform.status;
