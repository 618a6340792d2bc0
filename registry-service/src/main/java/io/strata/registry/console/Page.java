package io.strata.registry.console;

/**
 * The frame of every console page: title, nav bar, optional self-refresh, and the page body (already escaped by
 * whoever built it).
 *
 * @param title the page title (escaped here)
 * @param active the nav entry to highlight, e.g. {@code "datasets"}; empty for none
 * @param body the HTML body
 * @param refreshSeconds when positive and scripts are off, the page reloads itself after that many seconds
 * @param live true for a page whose charts {@code console.js} draws and keeps current (Chart.js, polling
 *     {@code /console/api/jobs})
 */
record Page(String title, String active, String body, int refreshSeconds, boolean live) {

  Page(String title, String active, String body, int refreshSeconds) {
    this(title, active, body, refreshSeconds, false);
  }

  private static final String[][] NAV = {
      {"overview", "/console", "Overview"},
      {"tenants", "/console/tenants", "Tenants & apps"},
      {"samples", "/console/samples", "Samples"},
      {"datasets", "/console/datasets", "Datasets"},
      {"jobs", "/console/jobs", "Training jobs"},
      {"models", "/console/models", "Models"},
  };

  static Page of(String title, String active, String body) {
    return new Page(title, active, body, 0);
  }

  /** The whole document, with the nav bar and a logout button when {@code signedIn}. */
  String render(boolean signedIn) {
    var html = new StringBuilder(body.length() + 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    if (refreshSeconds > 0) {
      // With scripts on, console.js polls instead: no reload, no lost scroll position.
      html.append(live ? "<noscript>" : "").append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds)
          .append("\">").append(live ? "</noscript>" : "");
    }
    if (live) {
      html.append("<script defer src=\"/console/static/chart.umd.min.js\"></script>")
          .append("<script defer src=\"/console/static/console.js\"></script>");
    }
    html.append("<title>").append(Html.esc(title)).append(" · Strata console</title>")
        .append("<link rel=\"stylesheet\" href=\"/console/static/console.css\"></head><body>")
        .append("<header><span class=\"brand\">Strata</span>");
    if (signedIn) {
      html.append("<nav>");
      for (String[] entry : NAV) {
        html.append("<a href=\"").append(entry[1]).append('"')
            .append(entry[0].equals(active) ? " class=\"active\"" : "").append('>').append(entry[2]).append("</a>");
      }
      html.append("</nav><form method=\"post\" action=\"/console/logout\" class=\"logout\">")
          .append("<button type=\"submit\">Log out</button></form>");
    }
    html.append("</header><main><h1>").append(Html.esc(title)).append("</h1>").append(body)
        .append("</main></body></html>\n");
    return html.toString();
  }
}
