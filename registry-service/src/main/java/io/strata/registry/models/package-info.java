/**
 * The model registry ({@code /v1/models}), the internal model hub: versions are published from succeeded training
 * jobs (by API, or automatically once per job that names its model) with the artifact's manifest read from the
 * blob store, change stages by API with a reason, and are browsed, compared and downloaded.
 */
package io.strata.registry.models;
