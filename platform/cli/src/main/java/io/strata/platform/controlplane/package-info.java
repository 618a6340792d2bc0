/**
 * What the {@code tenant} and {@code app} commands share: a plain HTTP client of the registry's operator API
 * ({@code /v1/}), the options that say where the registry and the admin token are, and table or JSON output.
 */
package io.strata.platform.controlplane;
