package io.strata.platform.up;

import io.strata.platform.DataDirOption;
import io.strata.platform.Environment;
import io.strata.platform.broker.BrokerSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code up} (and of {@code demo}, which runs it): each flag, else its variable, else the default. */
public final class UpOptions {

  static final String KAFKA_PORT = "STRATA_KAFKA_PORT";
  static final String CONTROLLER_PORT = "STRATA_CONTROLLER_PORT";
  static final String REGISTRY_PORT = "STRATA_REGISTRY_PORT";
  static final String GATEWAY_PORT = "STRATA_GATEWAY_PORT";
  static final String CONNECT_PORT = "STRATA_CONNECT_PORT";
  static final String PROCESSORS_PORT = "STRATA_PROCESSORS_PORT";
  static final String LAUNCHER_PORT = "STRATA_LAUNCHER_PORT";
  static final String SERVING_PORT = "STRATA_SERVING_PORT";
  static final String DRIFT_PORT = "STRATA_DRIFT_PORT";
  static final String SQL_PORT = "STRATA_SQL_PORT";
  static final String SQL_SERVER = "STRATA_SQL_SERVER";
  static final String REST_CATALOG = "STRATA_REST_CATALOG";
  static final String REST_CATALOG_PORT = "STRATA_REST_CATALOG_PORT";

  @Mixin
  DataDirOption dataDir = new DataDirOption();

  @Option(names = "--kafka-port", paramLabel = "PORT",
      description = "Kafka client port; env " + KAFKA_PORT + ", default " + BrokerSettings.DEFAULT_BROKER_PORT)
  Integer kafkaPort;

  @Option(names = "--controller-port", paramLabel = "PORT",
      description = "Kafka KRaft controller port; env " + CONTROLLER_PORT + ", default "
          + BrokerSettings.DEFAULT_CONTROLLER_PORT)
  Integer controllerPort;

  @Option(names = "--registry-port", paramLabel = "PORT",
      description = "Schema registry HTTP port; env " + REGISTRY_PORT + ", default " + UpSettings.DEFAULT_REGISTRY_PORT)
  Integer registryPort;

  @Option(names = "--gateway-port", paramLabel = "PORT",
      description = "Upload gateway HTTP port; env " + GATEWAY_PORT + ", default " + UpSettings.DEFAULT_GATEWAY_PORT)
  Integer gatewayPort;

  @Option(names = "--connect-port", paramLabel = "PORT",
      description = "Kafka Connect (lakehouse sink) REST port; env " + CONNECT_PORT + ", default "
          + UpSettings.DEFAULT_CONNECT_PORT)
  Integer connectPort;

  @Option(names = "--processors-port", paramLabel = "PORT",
      description = "Stream processors' health port; env " + PROCESSORS_PORT + ", default "
          + UpSettings.DEFAULT_PROCESSORS_PORT)
  Integer processorsPort;

  @Option(names = "--launcher-port", paramLabel = "PORT",
      description = "Trainer launcher (training-jobs API) HTTP port; env " + LAUNCHER_PORT + ", default "
          + UpSettings.DEFAULT_LAUNCHER_PORT)
  Integer launcherPort;

  @Option(names = "--serving-port", paramLabel = "PORT",
      description = "Serving (inference API) HTTP port; env " + SERVING_PORT + ", default "
          + UpSettings.DEFAULT_SERVING_PORT)
  Integer servingPort;

  @Option(names = "--drift-port", paramLabel = "PORT",
      description = "Drift monitor's health and metrics port; env " + DRIFT_PORT + ", default "
          + UpSettings.DEFAULT_DRIFT_PORT)
  Integer driftPort;

  @Option(names = "--sql-port", paramLabel = "PORT",
      description = "SQL endpoint (Spark Thrift server, JDBC) port; env " + SQL_PORT + ", default "
          + UpSettings.DEFAULT_SQL_PORT)
  Integer sqlPort;

  @Option(names = "--no-sql-server",
      description = "Do not run the SQL endpoint (saves about 1 GiB of memory and its start-up); env " + SQL_SERVER
          + "=false does the same. ./strata sql works either way.")
  boolean noSqlServer;

  @Option(names = "--rest-catalog",
      description = "Also serve the lakehouse's Iceberg catalog over the Iceberg REST protocol, for Trino, Flink, "
          + "PyIceberg or another Spark (bearer token in <data-dir>/lakehouse/rest-catalog.token); env "
          + REST_CATALOG + "=true does the same")
  boolean restCatalog;

  @Option(names = "--rest-catalog-port", paramLabel = "PORT",
      description = "Iceberg REST catalog port; env " + REST_CATALOG_PORT + ", default "
          + UpSettings.DEFAULT_REST_CATALOG_PORT)
  Integer restCatalogPort;

  /** The settings these options and the environment give. */
  public UpSettings resolve(Environment environment) {
    return new UpSettings(
        dataDir.resolve(environment),
        environment.resolvePort(kafkaPort, KAFKA_PORT, BrokerSettings.DEFAULT_BROKER_PORT),
        environment.resolvePort(controllerPort, CONTROLLER_PORT, BrokerSettings.DEFAULT_CONTROLLER_PORT),
        environment.resolvePort(registryPort, REGISTRY_PORT, UpSettings.DEFAULT_REGISTRY_PORT),
        environment.resolvePort(gatewayPort, GATEWAY_PORT, UpSettings.DEFAULT_GATEWAY_PORT),
        environment.resolvePort(connectPort, CONNECT_PORT, UpSettings.DEFAULT_CONNECT_PORT),
        environment.resolvePort(processorsPort, PROCESSORS_PORT, UpSettings.DEFAULT_PROCESSORS_PORT),
        environment.resolvePort(launcherPort, LAUNCHER_PORT, UpSettings.DEFAULT_LAUNCHER_PORT),
        environment.resolvePort(servingPort, SERVING_PORT, UpSettings.DEFAULT_SERVING_PORT),
        environment.resolvePort(driftPort, DRIFT_PORT, UpSettings.DEFAULT_DRIFT_PORT),
        !noSqlServer && enabled(environment, SQL_SERVER, true),
        environment.resolvePort(sqlPort, SQL_PORT, UpSettings.DEFAULT_SQL_PORT),
        restCatalog || enabled(environment, REST_CATALOG, false),
        environment.resolvePort(restCatalogPort, REST_CATALOG_PORT, UpSettings.DEFAULT_REST_CATALOG_PORT));
  }

  private static boolean enabled(Environment environment, String variable, boolean byDefault) {
    String value = environment.resolve(null, variable, Boolean.toString(byDefault)).trim();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(variable + " must be true or false, got '" + value + "'");
  }
}
