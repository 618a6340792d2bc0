package io.strata.platform.up;

import io.strata.platform.broker.BrokerSettings;
import io.strata.platform.sql.CatalogServerCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What {@code strata up} starts and where: the data directory and the ports.
 *
 * @param dataDirectory holds {@code kafka/} (the broker's data), {@code blobs/}, {@code lakehouse/},
 *     {@code streams/}, {@code logs/} and {@code strata.json}
 * @param gatewayPort the upload gateway's HTTP port
 * @param connectPort the Kafka Connect worker's REST port (the lakehouse sink)
 * @param processorsPort the stream processors' health port
 * @param launcherPort the trainer launcher's HTTP port (training-jobs API)
 * @param servingPort the serving service's HTTP port (the inference API)
 * @param driftPort the drift monitor's health and metrics port
 * @param sqlServer whether to run the SQL endpoint (Spark Thrift server) on {@code sqlPort}
 * @param sqlPort the SQL endpoint's port: {@code jdbc:hive2://localhost:<sqlPort>/strata}; its {@code /health} and
 *     {@code /metrics} are on the next port ({@link #sqlHttpPort()})
 * @param restCatalog whether to serve the lakehouse's Iceberg catalog over the Iceberg REST protocol on
 *     {@code restCatalogPort}, for other engines (Trino, Flink, PyIceberg, another Spark)
 * @param restCatalogPort the REST catalog's port: {@code http://localhost:<restCatalogPort>}
 */
public record UpSettings(Path dataDirectory, int kafkaPort, int controllerPort, int registryPort, int gatewayPort,
    int connectPort, int processorsPort, int launcherPort, int servingPort, int driftPort, boolean sqlServer,
    int sqlPort, boolean restCatalog, int restCatalogPort) {

  /** The schema registry's usual port (Confluent's). */
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_GATEWAY_PORT = 8082;
  /** Kafka Connect's usual REST port. */
  public static final int DEFAULT_CONNECT_PORT = 8083;
  public static final int DEFAULT_PROCESSORS_PORT = 8084;
  public static final int DEFAULT_LAUNCHER_PORT = 8085;
  public static final int DEFAULT_SERVING_PORT = 8086;
  public static final int DEFAULT_DRIFT_PORT = 8087;
  /** HiveServer2's usual port. */
  public static final int DEFAULT_SQL_PORT = 10000;
  /** The Iceberg REST catalog's usual port. */
  public static final int DEFAULT_REST_CATALOG_PORT = 8181;
  static final String HOST = "localhost";

  public UpSettings {
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    var ports = new ArrayList<>(List.of(kafkaPort, controllerPort, registryPort, gatewayPort, connectPort,
        processorsPort, launcherPort, servingPort, driftPort));
    if (sqlServer) {
      ports.add(sqlPort);
      ports.add(sqlPort + 1);
    }
    if (restCatalog) {
      ports.add(restCatalogPort);
    }
    if (new HashSet<>(ports).size() != ports.size()) {
      throw new IllegalArgumentException("Two components would share a port: " + ports + "; give --kafka-port, "
          + "--controller-port, --registry-port, --gateway-port, --connect-port, --processors-port, --launcher-port, "
          + "--serving-port, --drift-port, --sql-port (which takes the next port too) and --rest-catalog-port different "
          + "values");
    }
  }

  Path kafkaDirectory() {
    return dataDirectory.resolve("kafka");
  }

  Path blobDirectory() {
    return dataDirectory.resolve("blobs");
  }

  Path lakehouseDirectory() {
    return dataDirectory.resolve("lakehouse");
  }

  Path streamsDirectory() {
    return dataDirectory.resolve("streams");
  }

  /** The SQL endpoint's health and metrics port: the one after its JDBC port. */
  int sqlHttpPort() {
    return sqlPort + 1;
  }

  /** The SQL endpoint's JDBC URL (namespace {@code strata}). */
  String sqlUrl() {
    return "jdbc:hive2://" + HOST + ":" + sqlPort + "/strata";
  }

  /** The REST catalog's base URL; Iceberg clients take it as {@code uri}. */
  String restCatalogUrl() {
    return "http://" + HOST + ":" + restCatalogPort;
  }

  /** The bearer token the REST catalog made on its first start. */
  Path restCatalogTokenFile() {
    return lakehouseDirectory().resolve(CatalogServerCommand.TOKEN_FILE_NAME);
  }

  Path logDirectory() {
    return dataDirectory.resolve("logs");
  }

  BrokerSettings broker() {
    return new BrokerSettings(kafkaDirectory(), HOST, kafkaPort, controllerPort, Map.of());
  }
}
