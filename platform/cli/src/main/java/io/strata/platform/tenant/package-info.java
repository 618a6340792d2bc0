/**
 * {@code strata tenant create|list}: the operator's commands for tenants, through the registry's control-plane
 * API with the admin token.
 */
package io.strata.platform.tenant;
