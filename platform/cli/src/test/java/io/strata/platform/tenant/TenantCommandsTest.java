package io.strata.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.platform.controlplane.CliRun;
import io.strata.platform.controlplane.FakeRegistry;
import io.strata.platform.up.PlatformSecrets;
import io.strata.platform.runtime.Component;
import io.strata.platform.runtime.RuntimeFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantCommandsTest {

  @TempDir
  Path dataDir;

  private final FakeRegistry registry = new FakeRegistry();

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  @Test
  void shouldFindTheRegistryAndTokenThatUpLeftInTheDataDirectory() throws IOException {
    new RuntimeFile(dataDir).write(List.of(new Component(Component.REGISTRY, registry.url())));
    Files.createDirectories(PlatformSecrets.adminTokenFile(dataDir).getParent());
    Files.writeString(PlatformSecrets.adminTokenFile(dataDir), "token-from-up\n");
    registry.answer(201, "{\"tenantId\":\"acme\",\"displayName\":\"Acme Corp\"}");

    var run = CliRun.of("tenant", "create", "acme", "--display-name", "Acme Corp", "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Created tenant acme (Acme Corp).");
    assertThat(registry.received()).singleElement().satisfies(request -> {
      assertThat(request.path()).isEqualTo("/v1/tenants");
      assertThat(request.authorization()).isEqualTo("Bearer token-from-up");
      assertThat(request.body()).contains("\"tenantId\":\"acme\"").contains("\"displayName\":\"Acme Corp\"");
    });
  }

  @Test
  void shouldSayWhereTheAdminTokenShouldBeWhenItIsMissing() {
    var run = CliRun.of("tenant", "list", "--registry-url", registry.url(), "--data-dir", dataDir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("No admin token at " + PlatformSecrets.adminTokenFile(dataDir)).contains("--admin-token-file");
  }

  @Test
  void shouldListTenantsAsATable() {
    var table = ListTenantsCommand.table(io.strata.platform.controlplane.Json.read(
        "[{\"tenantId\":\"acme\",\"displayName\":\"Acme Corp\",\"createdAt\":\"2030-01-01T00:00:00Z\"},{\"tenantId\":\"b\"}]"));

    assertThat(table.lines()).containsExactly(
        "TENANT  DISPLAY NAME  CREATED",
        "acme    Acme Corp     2030-01-01T00:00:00Z",
        "b       -             -");
  }
}
