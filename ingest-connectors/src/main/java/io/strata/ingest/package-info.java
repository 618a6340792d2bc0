/**
 * The front door for customers' images: the signed HTTP upload gateway ({@code io.strata.ingest.gateway}), and
 * later the drop-folder and bucket source connector and the Pascal VOC / COCO label importers. They validate
 * input and append {@code samples}, {@code labels} and {@code ingest-rejections} events.
 */
package io.strata.ingest;
