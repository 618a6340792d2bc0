/**
 * Image features (brightness, contrast, width, height) and the reference profile of a model's training data:
 * fixed-edge histograms per feature and the class distribution. Serving and the drift monitor compute the same
 * features with {@link io.strata.trainer.builtin.profile.ImageFeatures} and compare against the profile.
 */
package io.strata.trainer.builtin.profile;
