/**
 * Schedules training jobs on a pool of GPU servers and runs them (local process or Kubernetes Job),
 * recording every step of a job's life on {@code training-jobs}; the service wiring them is not built yet.
 */
package io.strata.trainer;
