/**
 * What an uploaded image is, decided while its bytes stream to the blob store: the format from its magic
 * bytes, width and height from its header (never the pixels), and whether it ends where its format says.
 * {@link io.strata.ingest.gateway.image.InspectingStream} is the entry point; a refusal surfaces as an
 * {@link io.strata.ingest.gateway.image.ImageRefusedException} from {@code read}, which aborts the blob put.
 */
package io.strata.ingest.gateway.image;
