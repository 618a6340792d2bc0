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

  /** The settings these options and the environment give. */
  public UpSettings resolve(Environment environment) {
    return new UpSettings(
        dataDir.resolve(environment),
        environment.resolvePort(kafkaPort, KAFKA_PORT, BrokerSettings.DEFAULT_BROKER_PORT),
        environment.resolvePort(controllerPort, CONTROLLER_PORT, BrokerSettings.DEFAULT_CONTROLLER_PORT),
        environment.resolvePort(registryPort, REGISTRY_PORT, UpSettings.DEFAULT_REGISTRY_PORT));
  }
}
