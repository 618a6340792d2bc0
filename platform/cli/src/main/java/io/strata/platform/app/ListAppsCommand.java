package io.strata.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import picocli.CommandLine.Command;

/** {@code strata app list --tenant T}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's apps (never their secrets).")
public final class ListAppsCommand extends TenantAppCommand {

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    return client.get(appsPath());
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    AppView.table(elements(answer)).lines().forEach(printer::line);
  }
}
