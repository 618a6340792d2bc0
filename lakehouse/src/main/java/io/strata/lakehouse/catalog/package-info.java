/**
 * The deployment's Iceberg catalog over the Iceberg REST catalog protocol
 * ({@link io.strata.lakehouse.catalog.RestCatalogServer}), for engines that speak it.
 */
package io.strata.lakehouse.catalog;
