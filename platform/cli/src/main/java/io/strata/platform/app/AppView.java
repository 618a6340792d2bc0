package io.strata.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.platform.Printer;
import io.strata.platform.controlplane.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How an app, a list of apps and a new secret look to a person. */
final class AppView {

  static final String NOT_SHOWN_AGAIN =
      "This secret will not be shown again: store it now where only the app can read it.";

  private AppView() {}

  static Table table(Iterable<JsonNode> apps) {
    var rows = new ArrayList<List<String>>();
    for (var app : apps) {
      rows.add(List.of(text(app, "appKey"), text(app, "name"), status(app), text(app, "createdAt")));
    }
    return new Table(List.of("APP KEY", "NAME", "STATUS", "CREATED"), rows);
  }

  /** {@code blocked} or {@code active}, from the server's {@code status} or {@code blocked} field. */
  static String status(JsonNode app) {
    if (app.hasNonNull("status")) {
      return app.get("status").asText().toLowerCase(Locale.ROOT);
    }
    return app.path("blocked").asBoolean(false) ? "blocked" : "active";
  }

  /** One field per line; the secret never, since {@code get} and {@code list} do not return it. */
  static void details(JsonNode app, Printer printer) {
    printer.line("App key:  %s", text(app, "appKey"));
    printer.line("Tenant:   %s", text(app, "tenantId"));
    printer.line("Name:     %s", text(app, "name"));
    printer.line("Status:   %s", status(app));
    if (app.hasNonNull("blockReason")) {
      printer.line("Reason:   %s", app.get("blockReason").asText());
    }
    printer.line("Created:  %s", text(app, "createdAt"));
    if (app.has("limits")) {
      printer.line("Limits:   %s", app.get("limits"));
    }
  }

  /** The secret, once, with the line that says it will not be shown again. */
  static void secret(JsonNode answer, Printer printer) {
    printer.line("App key:    %s", text(answer, "appKey"));
    printer.line("App secret: %s", text(answer, "appSecret"));
    printer.line(NOT_SHOWN_AGAIN);
  }

  static String text(JsonNode node, String field) {
    var value = node.path(field);
    return value.isMissingNode() || value.isNull() ? "-" : value.asText();
  }
}
