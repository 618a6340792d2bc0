/**
 * The {@code strata} command line: {@link io.strata.platform.StrataCli} and what all its subcommands share
 * (the data directory option, settings from flags and environment, the printer, logging).
 */
package io.strata.platform;
