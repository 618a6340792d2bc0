/**
 * The operator console: read-only, server-rendered HTML pages over the registry's own views (tenants and apps,
 * samples with thumbnails and quality flags from a bounded fold of the samples topic, datasets and version diffs,
 * training jobs with live Chart.js progress charts, models with stages and lineage).
 * Pages are plain Java with one escaping function ({@link io.strata.registry.console.Html#esc}); access needs the
 * admin token, exchanged at {@code /console/login} for a signed, expiring session cookie.
 */
package io.strata.registry.console;
