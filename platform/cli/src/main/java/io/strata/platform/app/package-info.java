/**
 * {@code strata app create|list|get|rotate|block|unblock}: the operator's commands for a tenant's apps and
 * their AppKey/AppSecret credentials, through the registry's control-plane API with the admin token.
 */
package io.strata.platform.app;
