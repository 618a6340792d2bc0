/**
 * The embedded single-node Kafka broker (KRaft) that {@code strata up} runs and that tests share, and the
 * provisioning of the catalog topics on any cluster. Entry points: {@link io.strata.platform.broker.EmbeddedKafka}
 * and {@link io.strata.platform.broker.TopicProvisioner}.
 */
package io.strata.platform.broker;
