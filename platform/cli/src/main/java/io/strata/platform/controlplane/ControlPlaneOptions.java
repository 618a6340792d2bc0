package io.strata.platform.controlplane;

import io.strata.platform.DataDirOption;
import io.strata.platform.Environment;
import io.strata.platform.runtime.Component;
import io.strata.platform.runtime.RuntimeFile;
import io.strata.platform.up.PlatformSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the operator API is and how to authenticate: by default the registry that {@code strata up} announced
 * in {@code <data-dir>/strata.json} and the token it created in {@code <data-dir>/secrets/admin-token}.
 */
public final class ControlPlaneOptions {

  static final String REGISTRY_URL = "STRATA_REGISTRY_URL";
  static final String ADMIN_TOKEN_FILE = "STRATA_ADMIN_TOKEN_FILE";

  @Mixin
  DataDirOption dataDir = new DataDirOption();

  @Option(names = "--registry-url", paramLabel = "URL",
      description = "The registry (control-plane API); env " + REGISTRY_URL + ", default: the one in <data-dir>/strata.json")
  String registryUrl;

  @Option(names = "--admin-token-file", paramLabel = "FILE",
      description = "File holding the admin token; env " + ADMIN_TOKEN_FILE + ", default <data-dir>/secrets/admin-token")
  Path adminTokenFile;

  @Option(names = "--json", description = "Print the server's JSON instead of a table")
  boolean json;

  /** Whether the output is JSON. */
  public boolean json() {
    return json;
  }

  /** A client of the registry these options name. */
  public ControlPlaneClient client(Environment environment) {
    var directory = dataDir.resolve(environment);
    return new ControlPlaneClient(registryUrl(environment, directory), adminToken(environment, directory));
  }

  String registryUrl(Environment environment, Path directory) {
    var given = environment.resolve(registryUrl, REGISTRY_URL, null);
    if (given != null) {
      return given;
    }
    return new RuntimeFile(directory).read()
        .flatMap(content -> content.components().stream().filter(c -> c.name().equals(Component.REGISTRY)).findFirst())
        .map(Component::url)
        .orElseThrow(() -> new IllegalStateException("Strata is not running in " + directory + " (no registry in "
            + RuntimeFile.NAME + "); start it with ./strata up, or give --data-dir or --registry-url"));
  }

  String adminToken(Environment environment, Path directory) {
    var fromVariable = environment.resolve(null, ADMIN_TOKEN_FILE, null);
    var file = adminTokenFile != null ? adminTokenFile
        : fromVariable != null ? Path.of(fromVariable) : PlatformSecrets.adminTokenFile(directory);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("No admin token at " + file + "; ./strata up creates it on its first start, "
          + "or give --admin-token-file");
    }
    try {
      var token = Files.readString(file).trim();
      if (token.isEmpty()) {
        throw new IllegalStateException("The admin token file " + file + " is empty; put the registry's admin token in it");
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the admin token file " + file + "; check that you may read it", e);
    }
  }
}
