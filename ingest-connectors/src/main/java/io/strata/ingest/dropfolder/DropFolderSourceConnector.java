package io.strata.ingest.dropfolder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Watches one directory or S3 prefix and turns each image dropped there into a {@code samples} event (or an
 * {@code ingest-rejections} event), exactly once: one task, whose offsets record each file's outcome. Run it on a
 * distributed worker with {@code exactly.once.source.support=enabled} (see docs/ingest.md);
 * {@link DropFolderConnectorConfig#forDirectory} builds its configuration.
 */
public final class DropFolderSourceConnector extends SourceConnector {

  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new DropFolderConnectorConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return DropFolderSourceTask.class;
  }

  /** One task: a folder is listed and moved by one thread, so no file is claimed twice. */
  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    var config = new HashMap<>(props);
    config.putIfAbsent(DropFolderConnectorConfig.CONNECTOR_NAME, props.getOrDefault("name", "drop-folder"));
    return List.of(config);
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public void stop() {
    // The task holds the resources.
  }

  @Override
  public ConfigDef config() {
    return DropFolderConnectorConfig.DEFINITION;
  }

  @Override
  public String version() {
    return DropFolderSourceTask.VERSION;
  }
}
