/**
 * Synthetic demo images (circles, squares and triangles) drawn deterministically from a seed, with their class and
 * bounding box. The demo, the tests and the trainer benchmark use them so that nothing is downloaded at run time.
 */
package io.strata.trainer.builtin.samples;
