/**
 * In-memory views of compacted topics, rebuilt from the beginning at every start: {@link io.strata.auth.apps.AppsView}
 * is the gateway-side {@link io.strata.auth.signing.AppDirectory} over the {@code apps} topic. A change written to
 * the topic is visible in every view within a poll (well under a second).
 */
package io.strata.auth.apps;
