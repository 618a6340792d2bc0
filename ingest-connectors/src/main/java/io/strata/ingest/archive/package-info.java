/**
 * Reading an import — a directory, a zip, or a tar (optionally gzipped) of images with Pascal VOC XML and/or COCO
 * JSON annotations — into a plan that pairs each image with its annotations by file name and lists every
 * malformed or unmatched annotation. {@code strata ingest} uploads the plan's images and then their labels.
 */
package io.strata.ingest.archive;
