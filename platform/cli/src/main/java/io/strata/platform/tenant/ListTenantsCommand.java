package io.strata.platform.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import io.strata.platform.controlplane.ControlPlaneCommand;
import io.strata.platform.controlplane.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code strata tenant list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenants.")
public final class ListTenantsCommand extends ControlPlaneCommand {

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    return client.get("/v1/tenants");
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    table(answer).lines().forEach(printer::line);
  }

  static Table table(JsonNode answer) {
    var rows = new ArrayList<List<String>>();
    for (var tenant : elements(answer)) {
      rows.add(List.of(text(tenant, "tenantId"), text(tenant, "displayName"), text(tenant, "createdAt")));
    }
    return new Table(List.of("TENANT", "DISPLAY NAME", "CREATED"), rows);
  }
}
