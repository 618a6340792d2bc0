/**
 * Trains the image classifier with Deep Java Library on the PyTorch engine: the networks, the epoch loop with
 * per-epoch progress, accuracy on held-out splits and saving the parameters. CPU by default, the first GPU when
 * the engine sees CUDA.
 */
package io.strata.trainer.builtin.training;
