/**
 * Custom trainers: the {@code trainers} topic's events kept as a per-tenant view, the rules a trainer's fields
 * follow, and the network code archives (zip or tar.gz) checked at upload and extracted safely at launch.
 * The HTTP API over them is {@code io.strata.trainer.service}'s; running them is {@code io.strata.trainer.custom}'s.
 */
package io.strata.trainer.trainers;
