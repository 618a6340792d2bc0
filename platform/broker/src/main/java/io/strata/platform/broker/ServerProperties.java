package io.strata.platform.broker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broker configuration of a single-node KRaft cluster: one process is both broker and controller,
 * every internal topic has one replica, and topics are only created on purpose (by the catalog).
 */
final class ServerProperties {

  static final int NODE_ID = 1;

  private ServerProperties() {}

  static Map<String, String> of(BrokerSettings settings, BrokerDirectory directory) {
    var props = new LinkedHashMap<String, String>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + settings.advertisedHost() + ":" + settings.controllerPort());
    props.put("listeners", "PLAINTEXT://" + settings.host() + ":" + settings.brokerPort()
        + ",CONTROLLER://" + settings.host() + ":" + settings.controllerPort());
    props.put("advertised.listeners", "PLAINTEXT://" + settings.advertisedHost() + ":" + settings.brokerPort());
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", directory.logDirectory().toString());
    props.put("metadata.log.dir", directory.logDirectory().toString());

    // One node: every internal topic gets one replica, and one in-sync replica is enough.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    // Nobody else joins the group: do not make the first consumer wait for them.
    props.put("group.initial.rebalance.delay.ms", "0");
    // Topics come from the catalog; a typo in a topic name must fail, not create a topic.
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");

    props.putAll(settings.extraProperties());
    return props;
  }
}
