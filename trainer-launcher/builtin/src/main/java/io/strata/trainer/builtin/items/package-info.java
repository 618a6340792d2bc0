/**
 * Reads the items of one dataset version from {@code dataset-version-items}. A version's items share the key
 * {@code datasetId/version}, so they are read from that key's single partition until every sample has arrived.
 */
package io.strata.trainer.builtin.items;
