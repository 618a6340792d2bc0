package io.strata.platform.sql;

import io.strata.platform.DataDirOption;
import io.strata.platform.Environment;
import io.strata.platform.runtime.ModuleProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * {@code strata catalog-server}: the lakehouse's Iceberg catalog over the Iceberg REST catalog protocol, in the
 * foreground ({@code io.strata.lakehouse.catalog.RestCatalogServer} in a child JVM with the lakehouse module's
 * classpath).
 */
@Command(name = "catalog-server", description = {
    "Serve the lakehouse's Iceberg catalog over the Iceberg REST catalog protocol (http://127.0.0.1:8181) "
        + "for Spark, Trino, Flink or PyIceberg until stopped. Clients send 'Authorization: Bearer <token>' "
        + "(Iceberg property token=<token>) with the token in <data-dir>/lakehouse/rest-catalog.token, made on "
        + "the first start.",
    "Options after the command, as --key=value: --port=8181, --host=127.0.0.1, --token.file=FILE, "
        + "--catalog.<iceberg catalog property>=VALUE (replaces the embedded SQLite catalog)."})
public final class CatalogServerCommand implements Callable<Integer> {

  /** The module whose main serves the catalog ({@code strata up --rest-catalog} runs it too). */
  public static final String MODULE = "lakehouse";
  public static final String MAIN = "io.strata.lakehouse.catalog.RestCatalogServer";
  /** The token file it makes in the lakehouse directory when given none (RestCatalogServer.TOKEN_FILE_NAME). */
  public static final String TOKEN_FILE_NAME = "rest-catalog.token";

  @Mixin
  DataDirOption dataDir = new DataDirOption();

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Environment environment = Environment.system();
    Path lakehouse = dataDir.resolve(environment).resolve("lakehouse");
    List<String> all = new ArrayList<>(List.of("--data.dir=" + lakehouse));
    all.addAll(args);
    return ModuleProcess.builder(ModuleProcess.home(environment.variables()), MODULE, MAIN).args(all).build().run();
  }
}
