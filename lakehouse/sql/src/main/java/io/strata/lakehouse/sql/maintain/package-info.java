/**
 * Table maintenance, on demand ({@code strata maintain}) or on a schedule: compacts the small files the sink's
 * frequent commits leave, expires old snapshots and removes orphan files, per table, within configured limits.
 * It runs Iceberg's Spark procedures, so the same job runs on a Spark cluster against S3 and PostgreSQL.
 */
package io.strata.lakehouse.sql.maintain;
