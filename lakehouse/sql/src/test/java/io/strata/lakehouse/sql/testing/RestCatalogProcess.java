package io.strata.lakehouse.sql.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Strata's Iceberg REST catalog server ({@code io.strata.lakehouse.catalog.RestCatalogServer}) in a JVM of its
 * own ({@link LakehouseModuleJvm}): inside a Spark JVM, Iceberg's REST serializers would want the Spark runtime
 * bundle's relocated Jackson.
 */
public final class RestCatalogProcess implements AutoCloseable {

  private final LakehouseModuleJvm jvm;
  private final int port;

  private RestCatalogProcess(LakehouseModuleJvm jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  /** Starts the server on the SQLite catalog in {@code lakehouseDirectory} and waits until it is healthy. */
  public static RestCatalogProcess start(Path lakehouseDirectory, Path tokenFile) throws Exception {
    int port = LakehouseModuleJvm.freePort();
    LakehouseModuleJvm jvm = LakehouseModuleJvm.start("io.strata.lakehouse.catalog.RestCatalogServer",
        List.of("--host=127.0.0.1", "--port=" + port, "--data.dir=" + lakehouseDirectory,
            "--token.file=" + tokenFile),
        lakehouseDirectory.resolveSibling("rest-catalog.log"));
    RestCatalogProcess server = new RestCatalogProcess(jvm, port);
    try {
      jvm.awaitHttp(server.uri() + "/health", status -> status == 200);
      return server;
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    jvm.close();
  }
}
