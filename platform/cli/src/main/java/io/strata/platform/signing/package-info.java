/**
 * What the commands that call a signed API share: the app's credentials (flags, or the default app of
 * {@code strata up}) and an HTTP client that signs each request and retries while the service starts.
 */
package io.strata.platform.signing;
