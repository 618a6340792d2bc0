package io.strata.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata app block --tenant T APP_KEY --reason R}: every request of the app is refused (403) until unblocked. */
@Command(name = "block", mixinStandardHelpOptions = true, description = "Block an app: its requests are refused until unblocked.")
public final class BlockAppCommand extends OneAppCommand {

  @Option(names = "--reason", required = true, paramLabel = "REASON", description = "Why, for the audit trail")
  String reason;

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    return client.post(appPath() + "/block", Map.of("reason", reason));
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    printer.line("Blocked app %s in tenant %s: %s", appKey, tenant, reason);
  }
}
