package io.strata.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata app create --tenant T --name N}: a new app with its key and secret (shown only now). */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an app; prints its key and secret once.")
public final class CreateAppCommand extends TenantAppCommand {

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "What the app is, e.g. upload-bot")
  String name;

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    return client.post(appsPath(), Map.of("name", name));
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    printer.line("Created app %s in tenant %s.", name, tenant);
    AppView.secret(answer, printer);
  }
}
