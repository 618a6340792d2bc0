/**
 * {@code strata ingest}: a person's import of a directory or an archive of images with Pascal VOC / COCO
 * annotations through the upload gateway, with signed requests, a progress bar and a summary. The labels API
 * receives the annotations as {@code IMPORT} labels once their images are samples.
 */
package io.strata.platform.ingest;
