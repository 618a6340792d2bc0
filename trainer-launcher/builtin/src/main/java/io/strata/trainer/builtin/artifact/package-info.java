/**
 * The model artifact the built-in trainer stores in the blob store: a zip of {@code model.json} (format
 * {@code strata-model/1}: framework, architecture, classes, metrics, lineage, reference profile) and the parameters.
 */
package io.strata.trainer.builtin.artifact;
