package io.strata.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import java.util.HashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata app unblock --tenant T APP_KEY [--reason R]}. */
@Command(name = "unblock", mixinStandardHelpOptions = true, description = "Unblock an app: its requests are accepted again.")
public final class UnblockAppCommand extends OneAppCommand {

  @Option(names = "--reason", paramLabel = "REASON", description = "Why, for the audit trail")
  String reason;

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    var body = new HashMap<String, Object>();
    if (reason != null) {
      body.put("reason", reason);
    }
    return client.post(appPath() + "/unblock", body);
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    printer.line("Unblocked app %s in tenant %s.", appKey, tenant);
  }
}
