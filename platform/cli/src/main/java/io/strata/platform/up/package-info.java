/**
 * {@code strata up}: starts the platform's components on one machine, announces them in the runtime file
 * and stops them cleanly. {@link io.strata.platform.up.Platform} is the part other code (and tests) can use.
 */
package io.strata.platform.up;
