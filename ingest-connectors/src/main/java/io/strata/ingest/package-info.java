/**
 * The front door for customers' images: the signed HTTP upload gateway, the drop-folder and bucket
 * source connector and the Pascal VOC / COCO label importers. They validate input and append
 * {@code samples}, {@code labels} and {@code ingest-rejections} events; not built yet.
 */
package io.strata.ingest;
