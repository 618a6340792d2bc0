package io.strata.platform.up;

import io.strata.platform.Environment;
import io.strata.platform.predict.PredictCommand;
import io.strata.platform.runtime.ModuleProcess;
import io.strata.platform.sql.CatalogServerCommand;
import io.strata.platform.sql.LakehouseProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The components {@code up} runs as child JVMs, each on its module's own classpath ({@link ModuleProcess}):
 * the upload gateway ({@code ingest-connectors}), the stream processors ({@code stream-processors}), the Kafka
 * Connect worker with the lakehouse sink ({@code lakehouse}) and the drop-folder source connector
 * ({@code ingest-connectors}), and the trainer launcher ({@code trainer-launcher}, which
 * runs the built-in trainer of {@code trainer-launcher/builtin} as a process per job), the serving service
 * ({@code serving-service}), the drift monitor (a Flink MiniCluster, {@code drift-monitor}), and, unless turned off, the
 * SQL endpoint (Spark's Thrift server of {@code lakehouse/sql}). All are started, then awaited together; if one fails
 * to come up, the ones started are stopped again and the error names the failing one's log.
 */
final class ChildProcesses {

  static final String GATEWAY = "gateway";
  static final String PROCESSORS = "processors";
  static final String LAKEHOUSE_SINK = "lakehouse-sink";
  static final String TRAINER_LAUNCHER = "trainer-launcher";
  static final String SQL = "sql";
  static final String REST_CATALOG = "rest-catalog";
  static final String SERVING = PredictCommand.SERVING;
  static final String DRIFT = "drift-monitor";
  /** How long a child may take to answer its health check: the sink creates every table on a first start. */
  static final Duration STARTUP = Duration.ofSeconds(180);

  private ChildProcesses() {
  }

  static List<ChildProcess> start(UpSettings settings, String bootstrapServers, String registryUrl,
      PlatformSecrets secrets) {
    Path home = ModuleProcess.home(System.getenv());
    Path logs = settings.logDirectory();
    var pidFiles = new ChildPidFiles(settings.dataDirectory());
    var children = new ArrayList<ChildProcess>();
    try {
      children.add(ChildProcess.start(GATEWAY, "http://localhost:" + settings.gatewayPort(), logs.resolve("gateway.log"),
          ModuleProcess.builder(home, "ingest-connectors", "io.strata.ingest.gateway.GatewayApplication")
              .jvmOptions(List.of("-Xmx512m",
                  "-Dmicronaut.server.port=" + settings.gatewayPort(),
                  "-Dstrata.kafka.bootstrap-servers=" + bootstrapServers,
                  "-Dstrata.schema-registry.url=" + registryUrl,
                  "-Dstrata.ingest.blob-directory=" + settings.blobDirectory(),
                  "-Dstrata.secrets.master-key-file=" + secrets.masterKeyFile())), pidFiles));
      children.add(ChildProcess.start(PROCESSORS, "http://localhost:" + settings.processorsPort(),
          logs.resolve("stream-processors.log"),
          ModuleProcess.builder(home, "stream-processors", "io.strata.streams.StreamProcessorsApplication")
              .jvmOptions(List.of("-Xmx512m"))
              .environment(Map.of(
                  "STRATA_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                  "STRATA_SCHEMA_REGISTRY_URL", registryUrl,
                  "STRATA_BLOB_STORE", settings.blobDirectory().toString(),
                  "STRATA_STATE_DIR", settings.streamsDirectory().toString(),
                  "STRATA_HEALTH_PORT", Integer.toString(settings.processorsPort()))), pidFiles));
      ChildProcess sink = ChildProcess.start(LAKEHOUSE_SINK, "http://127.0.0.1:" + settings.connectPort(),
          logs.resolve("lakehouse-sink.log"),
          ModuleProcess.builder(home, "lakehouse", "io.strata.lakehouse.sink.LakehouseSinkWorker")
              .withModule("ingest-connectors")
              .jvmOptions(List.of("-Xmx768m"))
              .args(List.of(
                  "--bootstrap.servers=" + bootstrapServers,
                  "--schema.registry.url=" + registryUrl,
                  "--data.dir=" + settings.lakehouseDirectory(),
                  "--rest.port=" + settings.connectPort(),
                  // Distributed (on this one broker) for the drop folder's exactly-once source; docs/ingest.md.
                  "--worker.mode=distributed",
                  "--connector.configs=" + DropFolder.writeConfig(settings, registryUrl))), pidFiles);
      children.add(sink);
      children.add(ChildProcess.start(TRAINER_LAUNCHER, "http://localhost:" + settings.launcherPort(),
          logs.resolve("trainer-launcher.log"),
          ModuleProcess.builder(home, "trainer-launcher", "io.strata.trainer.service.TrainerLauncherApplication")
              .jvmOptions(List.of("-Xmx384m"))
              .environment(Map.of(
                  "STRATA_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                  "STRATA_SCHEMA_REGISTRY_URL", registryUrl,
                  "STRATA_BLOB_STORE", settings.blobDirectory().toString(),
                  "STRATA_DATA_DIR", settings.dataDirectory().toString(),
                  "STRATA_HTTP_PORT", Integer.toString(settings.launcherPort()),
                  "STRATA_ADMIN_TOKEN_FILE", secrets.adminTokenFile().toString(),
                  "STRATA_MASTER_KEY_FILE", secrets.masterKeyFile().toString(),
                  "STRATA_GPU_INVENTORY", "auto",
                  "STRATA_BUILTIN_TRAINER_CLASSPATH", ModuleProcess.builder(home, "trainer-launcher/builtin",
                      "io.strata.trainer.builtin.TrainMain").classpath())), pidFiles));
      children.add(ChildProcess.start(SERVING, "http://localhost:" + settings.servingPort(),
          logs.resolve("serving.log"),
          ModuleProcess.builder(home, "serving-service", "io.strata.serving.ServingApplication")
              .jvmOptions(List.of("-Xmx512m"))
              .environment(Map.of(
                  "STRATA_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                  "STRATA_SCHEMA_REGISTRY_URL", registryUrl,
                  "STRATA_BLOB_STORE", settings.blobDirectory().toString(),
                  "STRATA_DATA_DIR", settings.dataDirectory().toString(),
                  "STRATA_HTTP_PORT", Integer.toString(settings.servingPort()),
                  "STRATA_MASTER_KEY_FILE", secrets.masterKeyFile().toString())), pidFiles));
      children.add(ChildProcess.start(DRIFT, "http://localhost:" + settings.driftPort(),
          logs.resolve("drift-monitor.log"),
          ModuleProcess.builder(home, "drift-monitor", "io.strata.drift.DriftMonitorMain")
              .jvmOptions(List.of("-Xmx512m"))
              .args(List.of(
                  "--bootstrap-servers=" + bootstrapServers,
                  "--schema-registry-url=" + registryUrl,
                  "--checkpoint-dir=" + settings.dataDirectory().resolve("drift").resolve("checkpoints"),
                  "--metrics-port=" + settings.driftPort())), pidFiles));
      if (settings.sqlServer() || settings.restCatalog()) {
        // Both open the sink's JDBC catalog. On a first start Iceberg's JdbcCatalog creates its tables, then adds
        // the column for views with a check-then-ALTER that two processes can race (the loser fails with "Cannot
        // check and eventually update SQL schema"); once the sink answers, it has done both.
        sink.awaitHealthy(STARTUP);
      }
      if (settings.sqlServer()) {
        children.add(ChildProcess.start(SQL, settings.sqlUrl(), "http://localhost:" + settings.sqlHttpPort(),
            logs.resolve("sql-server.log"),
            LakehouseProcesses.process(new Environment(System.getenv()), LakehouseProcesses.THRIFT_SERVER_MAIN,
                settings.dataDirectory(), List.of("--port", Integer.toString(settings.sqlPort()),
                    "--bind", UpSettings.HOST, "--http-port", Integer.toString(settings.sqlHttpPort()))), pidFiles));
      }
      if (settings.restCatalog()) {
        children.add(ChildProcess.start(REST_CATALOG, settings.restCatalogUrl(), logs.resolve("rest-catalog.log"),
            ModuleProcess.builder(home, CatalogServerCommand.MODULE, CatalogServerCommand.MAIN)
                .jvmOptions(List.of("-Xmx384m"))
                .args(List.of(
                    "--data.dir=" + settings.lakehouseDirectory(),
                    "--host=" + UpSettings.HOST,
                    "--port=" + settings.restCatalogPort())), pidFiles));
      }
      for (ChildProcess child : children) {
        child.awaitHealthy(STARTUP);
      }
      return List.copyOf(children);
    } catch (RuntimeException e) {
      stop(children);
      throw e;
    }
  }

  /** Stops {@code children} in the reverse order of their start. */
  static void stop(List<ChildProcess> children) {
    for (int i = children.size() - 1; i >= 0; i--) {
      children.get(i).close();
    }
  }
}
