/**
 * The gateway's HTTP edge: thin Micronaut controllers for {@code POST /v1/samples}, {@code GET /v1/samples/{id}}
 * and {@code GET /health}, and {@link io.strata.ingest.gateway.http.SampleEndpoint}, which authenticates a
 * request, reads a raw or multipart body and answers, without any framework type.
 */
package io.strata.ingest.gateway.http;
