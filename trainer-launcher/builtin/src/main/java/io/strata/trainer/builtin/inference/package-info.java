/**
 * Serving the built-in trainer's models: an artifact zip ({@code model.json} and the parameters) loaded into the
 * same network the trainer built, classifying one image at a time on the CPU.
 */
package io.strata.trainer.builtin.inference;
