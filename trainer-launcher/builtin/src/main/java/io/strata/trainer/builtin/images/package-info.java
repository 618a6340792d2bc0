/**
 * Turns stored image bytes into training input: decode with ImageIO (JPEG, PNG, BMP, GIF, WebP), measure the
 * profile features, resize to a square RGB tensor. Undecodable images are skipped and counted, never fatal alone.
 */
package io.strata.trainer.builtin.images;
