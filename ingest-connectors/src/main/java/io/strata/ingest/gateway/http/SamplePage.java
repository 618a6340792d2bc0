package io.strata.ingest.gateway.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of {@code GET /v1/samples?quality=failed}.
 *
 * @param samples newest assessment first; a sample the gateway's view no longer holds (see docs/ingest.md) shows
 *     its id and assessment only
 * @param next the opaque cursor to pass as {@code after} for the next page; null on the last page
 */
@Serdeable
public record SamplePage(List<SampleBody> samples, String next) {}
