package io.strata.platform.up;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.platform.controlplane.ControlPlaneClient;
import io.strata.platform.controlplane.ControlPlaneException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code default} tenant and its {@code default} app, which {@code up} creates on the first start of a data
 * directory so that {@code strata ingest} and the demo can sign requests without a setup step. The credentials
 * are kept in {@code <data-dir>/secrets/default-app.json}, readable only by its owner.
 *
 * @param tenantId always {@value #TENANT}
 * @param appKey the app's key
 * @param appSecret the app's secret; never logged, and left out of {@link #toString()}
 */
public record DefaultApp(String tenantId, String appKey, String appSecret) {

  public static final String TENANT = "default";
  public static final String APP_NAME = "default";
  private static final Logger log = LoggerFactory.getLogger(DefaultApp.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the credentials of {@code dataDirectory}'s default app are kept. */
  public static Path file(Path dataDirectory) {
    return dataDirectory.resolve(PlatformSecrets.DIRECTORY).resolve("default-app.json");
  }

  /** The default app of {@code dataDirectory}, when {@code up} has created it. */
  public static Optional<DefaultApp> read(Path dataDirectory) {
    Path file = file(dataDirectory);
    try {
      JsonNode json = JSON.readTree(Files.readString(file));
      return Optional.of(new DefaultApp(json.path("tenantId").asText(), json.path("appKey").asText(),
          json.path("appSecret").asText()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the default app's credentials in " + file
          + "; delete the file and start ./strata up again to get new ones", e);
    }
  }

  /**
   * Returns the default app, creating the tenant and the app through the control plane when the credentials file
   * is missing. When the app exists but its credentials file was lost (a crash between the two, or a deleted
   * file), its secret is rotated with no grace period, since the old secret is known to no one.
   */
  static DefaultApp ensure(Path dataDirectory, ControlPlaneClient controlPlane) {
    var existing = read(dataDirectory);
    if (existing.isPresent()) {
      return existing.get();
    }
    createTenantUnlessExists(controlPlane);
    String appsPath = ControlPlaneClient.path("/v1/tenants/%s/apps", TENANT);
    JsonNode answer = findApp(controlPlane, appsPath)
        .map(appKey -> controlPlane.post(appsPath + "/" + appKey + "/rotate-secret", Map.of("graceSeconds", 0)))
        .orElseGet(() -> controlPlane.post(appsPath, Map.of("name", APP_NAME)));
    var app = new DefaultApp(TENANT, answer.path("appKey").asText(), answer.path("appSecret").asText());
    PlatformSecrets.createIfMissing(file(dataDirectory), app.json());
    log.info("Default app ready: tenant={} appKey={} credentials={}", TENANT, app.appKey(), file(dataDirectory));
    return app;
  }

  private static void createTenantUnlessExists(ControlPlaneClient controlPlane) {
    try {
      controlPlane.post("/v1/tenants", Map.of("tenantId", TENANT, "displayName", "Default tenant"));
    } catch (ControlPlaneException e) {
      if (e.status() != 409) {
        throw e;
      }
    }
  }

  private static Optional<String> findApp(ControlPlaneClient controlPlane, String appsPath) {
    for (JsonNode app : ControlPlaneClient.elements(controlPlane.get(appsPath))) {
      if (APP_NAME.equals(app.path("name").asText())) {
        return Optional.of(app.path("appKey").asText());
      }
    }
    return Optional.empty();
  }

  private String json() {
    return JSON.createObjectNode().put("tenantId", tenantId).put("appKey", appKey).put("appSecret", appSecret)
        .toPrettyString() + "\n";
  }

  @Override
  public String toString() {
    return "DefaultApp[tenantId=" + tenantId + ", appKey=" + appKey + "]";
  }
}
