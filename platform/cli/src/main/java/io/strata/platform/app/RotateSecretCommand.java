package io.strata.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.ControlPlaneClient;
import java.time.Duration;
import java.util.HashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata app rotate --tenant T APP_KEY [--grace 24h]}: a new secret; the old one works for the grace period. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = "Give the app a new secret (printed once); the previous one keeps working for the grace period.")
public final class RotateSecretCommand extends OneAppCommand {

  @Option(names = "--grace", paramLabel = "DURATION", converter = GracePeriod.class,
      description = "How long the previous secret keeps working: 90s, 30m, 24h, 7d or 0; default: the server's")
  Duration grace;

  @Override
  protected JsonNode call(ControlPlaneClient client) {
    var body = new HashMap<String, Object>();
    if (grace != null) {
      body.put("graceSeconds", grace.toSeconds());
    }
    return client.post(appPath() + "/rotate-secret", body);
  }

  @Override
  protected void print(JsonNode answer, Printer printer) {
    printer.line("Rotated the secret of app %s in tenant %s.", appKey, tenant);
    AppView.secret(answer, printer);
    printer.line("The previous secret keeps working until %s.", AppView.text(answer, "previousSecretValidUntil"));
  }
}
