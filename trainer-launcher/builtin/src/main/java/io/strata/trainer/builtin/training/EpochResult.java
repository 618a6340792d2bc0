package io.strata.trainer.builtin.training;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss over the epoch's batches, weighted by batch size
 * @param accuracy share of training images classified right during the epoch (before each step)
 * @param validationAccuracy accuracy on the validation split after the epoch; NaN when there is none
 * @param imagesPerSecond training images per second of the epoch (forward, backward and step)
 */
public record EpochResult(int epoch, double loss, double accuracy, double validationAccuracy,
    double imagesPerSecond) {}
