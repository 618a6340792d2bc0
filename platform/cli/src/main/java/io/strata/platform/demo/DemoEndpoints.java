package io.strata.platform.demo;

import io.strata.platform.predict.PredictCommand;
import io.strata.platform.runtime.Component;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the demo finds the running platform.
 *
 * @param dataDirectory the platform's data directory (the demo keeps its generated files under {@code demo/})
 * @param registryUrl control plane, datasets and model registry
 * @param gatewayUrl upload gateway (samples and labels)
 * @param launcherUrl trainer launcher (training jobs)
 * @param adminToken the operator's token
 * @param sqlUrl the SQL endpoint's JDBC URL, empty when {@code up} runs without it
 * @param servingUrl the serving API, empty when an older {@code up} runs
 */
record DemoEndpoints(Path dataDirectory, String registryUrl, String gatewayUrl, String launcherUrl, String adminToken,
    Optional<String> sqlUrl, Optional<String> servingUrl) {

  static final String GATEWAY = "gateway";
  static final String TRAINER_LAUNCHER = "trainer-launcher";
  static final String SQL = "sql";

  /** The endpoints of the components a running {@code strata up} listed. */
  static DemoEndpoints of(Path dataDirectory, List<Component> components, String adminToken) {
    return new DemoEndpoints(dataDirectory, url(components, Component.REGISTRY), url(components, GATEWAY),
        url(components, TRAINER_LAUNCHER), adminToken, optionalUrl(components, SQL),
        optionalUrl(components, PredictCommand.SERVING));
  }

  private static Optional<String> optionalUrl(List<Component> components, String name) {
    return components.stream().filter(c -> c.name().equals(name)).map(Component::url).findFirst();
  }

  private static String url(List<Component> components, String name) {
    return optionalUrl(components, name).orElseThrow(() -> new IllegalStateException("The running platform has no '" + name + "' component; it was "
            + "started by an older Strata: stop it (Ctrl-C) and run ./strata demo again"));
  }

  @Override
  public String toString() {
    return "DemoEndpoints[dataDirectory=" + dataDirectory + ", registryUrl=" + registryUrl + ", gatewayUrl="
        + gatewayUrl + ", launcherUrl=" + launcherUrl + ", adminToken=<redacted>, sqlUrl=" + sqlUrl + ", servingUrl=" + servingUrl + "]";
  }
}
