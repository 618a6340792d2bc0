/**
 * {@code strata status}: reads the runtime file that {@code up} wrote and asks every component it names
 * whether it is alive; prints a table or the JSON report.
 */
package io.strata.platform.status;
