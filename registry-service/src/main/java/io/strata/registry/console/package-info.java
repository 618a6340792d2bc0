/**
 * The operator console: read-only, server-rendered HTML pages over the registry's own views (tenants and apps,
 * datasets and version diffs, training jobs with progress charts, models with stages and lineage).
 * Pages are plain Java with one escaping function ({@link io.strata.registry.console.Html#esc}); access needs the
 * admin token, exchanged at {@code /console/login} for a signed, expiring session cookie.
 */
package io.strata.registry.console;
