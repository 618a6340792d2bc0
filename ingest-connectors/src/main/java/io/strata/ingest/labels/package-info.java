/**
 * Labels on samples without HTTP: validating new labels, retractions and reviews against the tenant's samples and
 * labels, appending them as {@code labels} events, and the per-sample fold of those events (labels in force and
 * history) that answers the API. The gateway's controllers and any other caller use {@link
 * io.strata.ingest.labels.Labels}.
 */
package io.strata.ingest.labels;
