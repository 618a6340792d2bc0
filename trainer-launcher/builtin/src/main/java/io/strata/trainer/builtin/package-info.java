/**
 * The built-in image-classification trainer, run as a child process by the trainer launcher ({@link
 * io.strata.trainer.builtin.TrainMain}): reads a dataset version's items and blobs, trains with DJL, stores the
 * model artifact and reports on stdout with the {@code strata.progress}/{@code strata.outcome}/{@code strata.error}
 * line protocol.
 */
package io.strata.trainer.builtin;
