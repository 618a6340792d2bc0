package io.strata.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import picocli.CommandLine.Command;

/** {@code strata app get --tenant T APP_KEY}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one app (never its secret).")
public final class GetAppCommand extends OneAppCommand {

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    return client.get(appPath());
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    AppView.details(answer, printer);
  }
}
