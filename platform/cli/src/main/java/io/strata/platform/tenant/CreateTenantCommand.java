package io.strata.platform.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import io.strata.platform.controlplane.ControlPlaneCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata tenant create <id> [--display-name NAME]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant.")
public final class CreateTenantCommand extends ControlPlaneCommand {

  @Parameters(index = "0", paramLabel = "TENANT", description = "The tenant id, e.g. acme")
  String tenantId;

  @Option(names = "--display-name", paramLabel = "NAME", description = "A name for people; default: the id")
  String displayName;

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    return client.post("/v1/tenants", Map.of("tenantId", tenantId, "displayName", displayName == null ? tenantId : displayName));
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    printer.line("Created tenant %s (%s).", tenantId, answer.path("displayName").asText(displayName == null ? tenantId : displayName));
  }
}
