/**
 * The inference API: authenticates AppKey/AppSecret-signed calls, applies rate limits and blocks,
 * routes to the model version of the requested stage and records {@code api-calls} and
 * {@code predictions}; not built yet.
 */
package io.strata.serving;
