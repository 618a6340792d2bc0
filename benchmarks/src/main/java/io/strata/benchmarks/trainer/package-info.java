/**
 * Benchmarks of training: the trainer launcher's GPU pool scheduler (decisions per second at 100 nodes × 8 GPUs
 * with 10,000 queued jobs, next to a naive first-fit FIFO scheduler fed the same jobs) and the built-in trainer
 * (training images per second on CPU and the accuracy reached on generated shapes, next to plain ImageIO decoding
 * of the same images).
 */
package io.strata.benchmarks.trainer;
