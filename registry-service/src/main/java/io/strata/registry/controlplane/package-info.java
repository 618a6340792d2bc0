/**
 * What every {@code /v1/} control-plane call shares: its settings, who the caller is (the operator with the
 * admin token, or an app with a signed request) and what it may touch, and JSON errors with stable codes.
 */
package io.strata.registry.controlplane;
