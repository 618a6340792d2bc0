/**
 * Benchmarks of the trainer launcher's GPU pool scheduler: decisions per second at 100 nodes × 8 GPUs
 * with 10,000 queued jobs, next to a naive first-fit FIFO scheduler fed the same jobs.
 */
package io.strata.benchmarks.trainer;
