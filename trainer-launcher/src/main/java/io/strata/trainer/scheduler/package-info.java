/**
 * The GPU pool scheduler: a pure state machine over nodes, GPUs and job requests that returns its
 * decisions (scheduled, preempted, requeued, failed, cancelled) as values. It does no I/O; the
 * launcher service turns decisions into {@code training-jobs} events and rebuilds this state from them.
 */
package io.strata.trainer.scheduler;
