/**
 * Quality review of uploaded samples: brightness, contrast, sharpness (variance of the Laplacian), exposure
 * flags and a perceptual hash for near-duplicates, appended to {@code samples} as {@code QUALITY_ASSESSED}
 * events by a Kafka Streams topology that runs beside the upload path, not on it.
 */
package io.strata.streams.quality;
