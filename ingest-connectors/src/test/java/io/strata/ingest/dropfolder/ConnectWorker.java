package io.strata.ingest.dropfolder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A real distributed Kafka Connect worker in this JVM, with exactly-once source support, on the shared broker:
 * what the drop-folder connector runs in. Two workers started with the same {@link Topics} are one cluster, so a
 * second start after {@link #close()} resumes from the offsets the first one committed.
 */
final class ConnectWorker implements AutoCloseable {

  /** The worker's internal topics and group. */
  record Names(String group, String configs, String offsets, String statuses) {
    static Names unique(String prefix) {
      String id = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
      return new Names(id, id + "-configs", id + "-offsets", id + "-status");
    }
  }

  private final Connect<DistributedHerder> connect;

  private ConnectWorker(Connect<DistributedHerder> connect) {
    this.connect = connect;
  }

  static Map<String, String> properties(String bootstrapServers, Names names) {
    var props = new HashMap<String, String>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", names.group());
    props.put("config.storage.topic", names.configs());
    props.put("offset.storage.topic", names.offsets());
    props.put("status.storage.topic", names.statuses());
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.storage.partitions", "1");
    props.put("status.storage.partitions", "1");
    props.put("exactly.once.source.support", "enabled");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    props.put("plugin.discovery", "service_load");
    props.put("listeners", "http://127.0.0.1:0");
    // A restarted worker gets the tasks of the one that went away at once, not after the default 5 minutes.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("task.shutdown.graceful.timeout.ms", "10000");
    return props;
  }

  static ConnectWorker start(String bootstrapServers, Names names) {
    return new ConnectWorker(new ConnectDistributed().startConnect(properties(bootstrapServers, names)));
  }

  /** Creates (or replaces) a connector and waits until it and its tasks run. */
  void put(String name, Map<String, String> config, Duration timeout) throws Exception {
    FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
    connect.herder().putConnectorConfig(name, config, true, created);
    created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        ConnectorStateInfo status = connect.herder().connectorStatus(name);
        if (!status.tasks().isEmpty() && status.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()))) {
          return;
        }
        status.tasks().stream().filter(t -> "FAILED".equals(t.state())).findFirst().ifPresent(t -> {
          throw new IllegalStateException("Task failed: " + t.trace());
        });
      } catch (org.apache.kafka.connect.errors.NotFoundException e) {
        // Not yet in the status topic.
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Connector " + name + " not running within " + timeout);
  }

  /** The state of the connector's first task, e.g. RUNNING or FAILED. */
  String taskState(String name) {
    var tasks = connect.herder().connectorStatus(name).tasks();
    return tasks.isEmpty() ? "NONE" : tasks.get(0).state() + (tasks.get(0).trace() == null ? "" : ": " + tasks.get(0).trace());
  }

  /** Restarts the connector's task in place (stop, then start from the committed offsets). */
  void restartTask(String name) throws Exception {
    FutureCallback<Void> done = new FutureCallback<>();
    connect.herder().restartTask(new org.apache.kafka.connect.util.ConnectorTaskId(name, 0), done);
    done.get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }
}
