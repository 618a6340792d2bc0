/**
 * {@code strata demo}: the platform with sample data and a guided tour. Until ingestion and training exist it
 * only runs {@code up}.
 */
package io.strata.platform.demo;
