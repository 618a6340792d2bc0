package io.strata.ingest.gateway.http;

import io.micronaut.serde.annotation.Serdeable;

/** Every refusal's JSON body: a stable code and a message that says what was wrong and what to do. */
@Serdeable
public record ErrorBody(String code, String message) {}
