/**
 * The trainer launcher service: it rebuilds the GPU scheduler from {@code training-jobs}, runs the jobs it
 * places and records their life as events, and serves the training-jobs API. {@link
 * io.strata.trainer.service.TrainerLauncherApplication} is its main.
 */
package io.strata.trainer.service;
