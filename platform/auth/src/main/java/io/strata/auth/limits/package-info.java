/**
 * Admission control for authenticated apps: the per-app and per-app-and-API request rates and the monthly
 * quota in billable units that the control plane sets on each app ({@code apps} topic, {@code AppLimits}).
 * Every service that takes signed requests asks {@link io.strata.auth.limits.Admission} before doing the work,
 * and answers 429 with the decision's code, message and {@code Retry-After}.
 */
package io.strata.auth.limits;
