/**
 * The runtime file through which a running {@code strata up} tells other commands what it started and
 * where. It is a hint, not a truth: {@code status} checks every component it names.
 */
package io.strata.platform.runtime;
