/**
 * Reading the annotation files that labelling tools export — Pascal VOC XML (one file per image) and COCO JSON
 * (one file per image set) — into boxes per image file, with every malformed annotation reported by file, line
 * or field, so that the rest of an import goes ahead.
 */
package io.strata.ingest.annotations;
