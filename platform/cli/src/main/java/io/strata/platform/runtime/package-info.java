/**
 * The runtime file through which a running {@code strata up} tells other commands what it started and
 * where. It is a hint, not a truth: {@code status} checks every component it names.
 * {@link io.strata.platform.runtime.ModuleProcess} runs a module's main in a child JVM with that module's own
 * classpath (Spark, Kafka Connect).
 */
package io.strata.platform.runtime;
