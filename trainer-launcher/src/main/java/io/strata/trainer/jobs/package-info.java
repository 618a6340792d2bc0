/**
 * The bridge between the scheduler's values and the {@code training-jobs} topic: requests read from
 * REQUESTED events, decisions and launcher outcomes written as events, and the fold that rebuilds the
 * scheduler from the log on restart.
 */
package io.strata.trainer.jobs;
