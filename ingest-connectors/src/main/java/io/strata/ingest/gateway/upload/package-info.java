/**
 * Turns an authenticated upload into a durable blob and, once it is durable, into one acknowledged
 * {@code samples} event per tenant and content (or an {@code ingest-rejections} event). {@link
 * io.strata.ingest.gateway.upload.Uploads} is the entry point and knows nothing about HTTP.
 */
package io.strata.ingest.gateway.upload;
