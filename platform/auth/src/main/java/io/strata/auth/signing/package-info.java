/**
 * AppKey/AppSecret request signing as specified in {@code docs/signing.md}: the canonical request,
 * the client-side {@link io.strata.auth.signing.RequestSigner} and the gateway-side
 * {@link io.strata.auth.signing.SignatureVerifier}.
 *
 * <p>Everything here is a pure decision over strings, bytes and an injected clock: no HTTP types and
 * no Kafka, so the upload gateway, the serving API, the CLI and customers' Java code share it.
 */
package io.strata.auth.signing;
