/**
 * Lineage views over the lakehouse tables: they follow ids and {@code causationId} from an API call to the
 * model version that answered it, its training job, the dataset version it learnt from, and that version's
 * labels and samples. {@link io.strata.lakehouse.sql.lineage.LineageViews#install} creates them in the catalog.
 */
package io.strata.lakehouse.sql.lineage;
