/**
 * Apps of a tenant: their credentials (secrets encrypted at rest, shown once), limits and blocked status, each
 * change a full-state {@code AppEvent} on the compacted {@code apps} topic, answered from an {@code AppsView}.
 */
package io.strata.registry.apps;
