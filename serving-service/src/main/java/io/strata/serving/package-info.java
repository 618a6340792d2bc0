/**
 * The inference API: authenticates AppKey/AppSecret-signed calls, applies blocks, rate limits and monthly quotas,
 * routes each call to the model version of the requested stage within the caller's tenant, classifies the image,
 * and records one {@code api-calls} event per call and one {@code predictions} event per answer before it answers.
 */
package io.strata.serving;
