/**
 * SQL for analysts: a local Spark session over the lakehouse catalog, the {@code strata sql} runner and its
 * interactive mode ({@link io.strata.lakehouse.sql.SqlMain}), and the JDBC endpoint for BI tools
 * ({@link io.strata.lakehouse.sql.ThriftServerMain}). Each runs in its own JVM, started by the CLI.
 */
package io.strata.lakehouse.sql;
