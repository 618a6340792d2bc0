package io.strata.registry.console;

import io.strata.registry.controlplane.Caller;
import io.strata.registry.controlplane.ControlPlane;
import io.strata.registry.datasets.DatasetsFeature;
import io.strata.registry.models.ModelsFeature;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds each console page from the registry's own read models (the same ones the {@code /v1/} API answers from),
 * as the operator sees them. Knows nothing about HTTP.
 */
final class ConsolePages {

  /** Job states in which a job may still report progress: the jobs page refreshes itself while one exists. */
  static final Set<String> ACTIVE = Set.of("REQUESTED", "SCHEDULED", "STARTED", "REQUEUED");
  static final int REFRESH_SECONDS = 5;
  /** How often the jobs page's script asks for progress while a job is active. */
  static final int POLL_SECONDS = 3;
  private static final int DIFF_LIMIT = 200;
  private static final Caller OPERATOR = new Caller.Operator();

  private final ControlPlane controlPlane;
  private final DatasetsFeature datasets;
  private final ModelsFeature models;
  private final SampleIndex samples;

  ConsolePages(ControlPlane controlPlane, DatasetsFeature datasets, ModelsFeature models, SampleIndex samples) {
    this.controlPlane = controlPlane;
    this.datasets = datasets;
    this.models = models;
    this.samples = samples;
  }

  Page overview() {
    var tenants = controlPlane.tenants().list();
    long apps = tenants.stream().mapToLong(t -> controlPlane.apps().list((String) t.get("tenantId")).size()).sum();
    var jobsByState = new TreeMap<String, Long>();
    models.models().jobs(OPERATOR, null).forEach(j -> jobsByState.merge((String) j.get("state"), 1L, Long::sum));
    var modelsByStage = new TreeMap<String, Long>();
    var modelList = models.models().list(OPERATOR, null);
    for (var m : modelList) {
      var model = models.models().get(OPERATOR, (String) m.get("tenantId"), (String) m.get("modelName"));
      versions(model).forEach(v -> modelsByStage.merge((String) v.get("stage"), 1L, Long::sum));
    }
    var body = new StringBuilder("<section class=\"cards\">")
        .append(card("Tenants", tenants.size(), "/console/tenants"))
        .append(card("Apps", apps, "/console/tenants"))
        .append(card("Samples", samples.counts().values().stream().mapToLong(SampleIndex.Counts::uploaded).sum(),
            "/console/samples"))
        .append(card("Failed review", samples.counts().values().stream()
            .mapToLong(SampleIndex.Counts::failedReview).sum(), "/console/samples"))
        .append(card("Datasets", datasets.datasets().list(OPERATOR, null).size(), "/console/datasets"))
        .append(card("Models", modelList.size(), "/console/models"))
        .append("</section><h2>Training jobs by state</h2>").append(counts(jobsByState, "No training jobs yet."))
        .append("<h2>Model versions by stage</h2>").append(counts(modelsByStage, "No model versions yet."));
    return Page.of("Overview", "overview", body.toString());
  }

  Page tenants() {
    var body = new StringBuilder();
    var tenants = controlPlane.tenants().list();
    if (tenants.isEmpty()) {
      body.append("<p class=\"muted\">No tenants yet: create one with POST /v1/tenants.</p>");
    }
    for (var tenant : tenants) {
      String id = (String) tenant.get("tenantId");
      body.append("<section class=\"tenant\"><h2>").append(Html.esc(tenant.get("displayName")))
          .append(" <small>").append(Html.esc(id)).append("</small></h2><p class=\"muted\">created ")
          .append(Html.esc(tenant.get("createdAt"))).append("</p>");
      var apps = controlPlane.apps().list(id);
      if (apps.isEmpty()) {
        body.append("<p class=\"muted\">No apps.</p></section>");
        continue;
      }
      body.append("<table><tr><th>App</th><th>Key</th><th>State</th><th>Blocked reason</th><th>Limits</th>"
          + "<th>Created</th></tr>");
      for (var app : apps) {
        boolean blocked = Boolean.TRUE.equals(app.get("blocked"));
        body.append("<tr><td>").append(Html.esc(app.get("name"))).append("</td><td><code>")
            .append(Html.esc(app.get("appKey"))).append("</code></td><td>")
            .append(blocked ? "<span class=\"bad\">BLOCKED</span>" : "<span class=\"good\">ACTIVE</span>")
            .append("</td><td>").append(Html.esc(app.get("blockReason"))).append("</td><td>")
            .append(limits((Map<?, ?>) app.get("limits"))).append("</td><td>").append(Html.esc(app.get("createdAt")))
            .append("</td></tr>");
      }
      body.append("</table></section>");
    }
    return Page.of("Tenants & apps", "tenants", body.toString());
  }

  Page datasets() {
    var list = datasets.datasets().list(OPERATOR, null);
    var body = new StringBuilder();
    if (list.isEmpty()) {
      body.append("<p class=\"muted\">No datasets yet: create one with POST /v1/datasets.</p>");
    } else {
      body.append("<table><tr><th>Dataset</th><th>Tenant</th><th>Name</th><th>Classes</th><th>Latest version</th>"
          + "<th>Updated</th></tr>");
      for (var d : list) {
        body.append("<tr><td>").append(Html.link("/console/datasets/" + Html.path(d.get("datasetId")),
                d.get("datasetId"))).append("</td><td>").append(Html.esc(d.get("tenantId"))).append("</td><td>")
            .append(Html.esc(d.get("name"))).append("</td><td>").append(Html.esc(d.get("classes")))
            .append("</td><td>").append(Html.esc(d.get("latestVersion"))).append("</td><td>")
            .append(Html.esc(d.get("updatedAt"))).append("</td></tr>");
      }
      body.append("</table>");
    }
    return Page.of("Datasets", "datasets", body.toString());
  }

  Page dataset(String datasetId) {
    var d = datasets.datasets().get(OPERATOR, datasetId);
    var body = new StringBuilder("<h2>Rule</h2><table class=\"kv\">");
    for (String key : List.of("tenantId", "name", "tags", "classes", "requireQualityPassed", "validationPercent",
        "testPercent", "trainingPolicy", "createdAt", "updatedAt", "pendingRequests")) {
      body.append("<tr><th>").append(Html.esc(key)).append("</th><td>").append(Html.esc(d.get(key)))
          .append("</td></tr>");
    }
    body.append("</table><h2>Versions</h2>");
    var versions = versions(d);
    if (versions.isEmpty()) {
      body.append("<p class=\"muted\">No versions cut yet.</p>");
    }
    for (var v : versions) {
      body.append("<section class=\"version\" id=\"v").append(Html.esc(v.get("version"))).append("\"><h3>Version ")
          .append(Html.esc(v.get("version"))).append("</h3><p>").append(Html.esc(v.get("itemCount")))
          .append(" items · content hash <code>").append(Html.esc(v.get("contentHash"))).append("</code> · cut ")
          .append(Html.esc(v.get("cutAt"))).append("</p>").append(classSplit(v)).append("</section>");
    }
    if (versions.size() >= 2) {
      body.append("<h2>Compare versions</h2><form method=\"get\" action=\"/console/datasets/")
          .append(Html.esc(Html.path(datasetId))).append("/diff\">from ").append(select("from", versions, 0))
          .append(" to ").append(select("to", versions, versions.size() - 1))
          .append(" <button type=\"submit\">Diff</button></form>");
    }
    return Page.of("Dataset " + datasetId, "datasets", body.toString());
  }

  Page diff(String datasetId, int from, int to) {
    var diff = datasets.datasets().diff(OPERATOR, datasetId, from, to, DIFF_LIMIT);
    var body = new StringBuilder("<p>").append(Html.link("/console/datasets/" + Html.path(datasetId),
        "← dataset " + datasetId)).append("</p><section class=\"cards\">")
        .append(card("Added", diff.get("addedCount"), null)).append(card("Removed", diff.get("removedCount"), null))
        .append(card("Relabelled", diff.get("relabelledCount"), null)).append("</section>");
    if (Boolean.TRUE.equals(diff.get("truncated"))) {
      body.append("<p class=\"muted\">Each list shows its first ").append(DIFF_LIMIT)
          .append(" samples; the counts are complete.</p>");
    }
    body.append(items("Added", list(diff.get("added")))).append(items("Removed", list(diff.get("removed"))));
    body.append("<h2>Relabelled</h2>");
    var relabelled = list(diff.get("relabelled"));
    if (relabelled.isEmpty()) {
      body.append("<p class=\"muted\">None.</p>");
    } else {
      body.append("<table><tr><th>Sample</th><th>From</th><th>To</th></tr>");
      for (var r : relabelled) {
        body.append("<tr><td><code>").append(Html.esc(r.get("sampleId"))).append("</code></td><td>")
            .append(Html.esc(((Map<?, ?>) r.get("from")).get("classLabel"))).append("</td><td>")
            .append(Html.esc(((Map<?, ?>) r.get("to")).get("classLabel"))).append("</td></tr>");
      }
      body.append("</table>");
    }
    return Page.of("Dataset " + datasetId + ": version " + from + " → " + to, "datasets", body.toString());
  }

  Page jobs() {
    var jobs = models.models().jobs(OPERATOR, null);
    var body = new StringBuilder();
    boolean active = jobs.stream().anyMatch(j -> ACTIVE.contains(j.get("state")));
    if (active) {
      body.append("<p class=\"muted\" id=\"live-note\">A job is running: this page refreshes every ")
          .append(REFRESH_SECONDS).append(" s.</p>");
    }
    if (jobs.isEmpty()) {
      body.append("<p class=\"muted\">No training jobs yet.</p>");
    }
    for (var j : jobs) {
      var progress = list(j.get("progress"));
      body.append("<section class=\"job\" data-job=\"").append(Html.esc(j.get("jobId"))).append("\"><h2><code>")
          .append(Html.esc(j.get("jobId"))).append("</code> <span class=\"state ")
          .append(stateClass((String) j.get("state"))).append("\">").append(Html.esc(j.get("state")))
          .append("</span></h2><p>tenant ").append(Html.esc(j.get("tenantId")));
      if (j.get("datasetId") != null) {
        body.append(" · dataset ").append(Html.link("/console/datasets/" + Html.path(j.get("datasetId")),
            j.get("datasetId") + " v" + j.get("datasetVersion")));
      }
      body.append(" · trainer ").append(Html.esc(j.get("trainer"))).append(" · model ")
          .append(Html.esc(j.get("modelName"))).append(placement(j));
      if (j.get("publishedAs") != null) {
        body.append(" · published as ").append(Html.esc(j.get("publishedAs")));
      }
      body.append("</p><p class=\"last-epoch\">");
      if (!progress.isEmpty()) {
        var last = progress.get(progress.size() - 1);
        body.append("epoch ").append(Html.esc(last.get("epoch"))).append(" · loss ")
            .append(Html.number(last.get("loss"))).append(metrics((Map<?, ?>) last.get("metrics")));
      }
      body.append("</p><div class=\"progress\">").append(LossChart.svg(progress)).append("</div></section>");
    }
    return new Page("Training jobs", "jobs", body.toString(), active ? REFRESH_SECONDS : 0, true);
  }

  /** The jobs as {@code /console/api/jobs} answers them (the same maps the jobs page is built from). */
  List<Map<String, Object>> jobsJson() {
    return models.models().jobs(OPERATOR, null);
  }

  Page models() {
    var list = models.models().list(OPERATOR, null);
    var body = new StringBuilder();
    if (list.isEmpty()) {
      body.append("<p class=\"muted\">No models yet.</p>");
    } else {
      body.append("<table><tr><th>Model</th><th>Tenant</th><th>Latest</th><th>Production</th><th>Staging</th>"
          + "<th>Versions</th></tr>");
      for (var m : list) {
        body.append("<tr><td>").append(Html.link("/console/models/" + Html.path(m.get("tenantId")) + "/"
                + Html.path(m.get("modelName")), m.get("modelName"))).append("</td><td>")
            .append(Html.esc(m.get("tenantId"))).append("</td><td>").append(Html.esc(m.get("latestVersion")))
            .append("</td><td>").append(Html.esc(m.get("productionVersions"))).append("</td><td>")
            .append(Html.esc(m.get("stagingVersions"))).append("</td><td>").append(Html.esc(m.get("versionCount")))
            .append("</td></tr>");
      }
      body.append("</table>");
    }
    return Page.of("Models", "models", body.toString());
  }

  Page model(String tenantId, String modelName) {
    var model = models.models().get(OPERATOR, tenantId, modelName);
    var body = new StringBuilder("<p>tenant ").append(Html.esc(tenantId)).append("</p>");
    for (var v : versions(model)) {
      body.append("<section class=\"version\"><h2>Version ").append(Html.esc(v.get("version")))
          .append(" <span class=\"stage\">").append(Html.esc(v.get("stage"))).append("</span></h2>")
          .append("<table class=\"kv\"><tr><th>Metrics</th><td>")
          .append(metrics((Map<?, ?>) v.get("metrics")).replaceFirst("^ · ", ""))
          .append("</td></tr><tr><th>Lineage</th><td>job <code>").append(Html.esc(v.get("jobId")))
          .append("</code> → dataset ").append(Html.link("/console/datasets/" + Html.path(v.get("datasetId"))
              + "#v" + Html.path(v.get("datasetVersion")), v.get("datasetId") + " v" + v.get("datasetVersion")))
          .append("</td></tr><tr><th>Artifact</th><td><code>").append(Html.esc(v.get("artifactUri")))
          .append("</code><br>sha256 <code>").append(Html.esc(v.get("artifactSha256"))).append("</code></td></tr>")
          .append("<tr><th>Framework</th><td>").append(Html.esc(v.get("framework"))).append("</td></tr>")
          .append("<tr><th>Classes</th><td>").append(Html.esc(v.get("classes"))).append("</td></tr>")
          .append("<tr><th>Published</th><td>").append(Html.esc(v.get("publishedAt"))).append("</td></tr></table>")
          .append(trainedOn(v.get("datasetId"), v.get("datasetVersion")));
      var history = list(v.get("stageHistory"));
      if (!history.isEmpty()) {
        body.append("<h3>Stage history</h3><table><tr><th>From</th><th>To</th><th>Reason</th><th>By</th>"
            + "<th>At</th></tr>");
        for (var h : history) {
          body.append("<tr><td>").append(Html.esc(h.get("from"))).append("</td><td>").append(Html.esc(h.get("to")))
              .append("</td><td>").append(Html.esc(h.get("reason"))).append("</td><td>")
              .append(Html.esc(h.get("changedBy"))).append("</td><td>").append(Html.esc(h.get("at")))
              .append("</td></tr>");
        }
        body.append("</table>");
      }
      body.append("</section>");
    }
    return Page.of("Model " + modelName, "models", body.toString());
  }

  /** The end of a model version's lineage: the samples per class x split of the dataset version it was trained on. */
  private String trainedOn(Object datasetId, Object version) {
    if (datasetId == null || version == null) {
      return "";
    }
    try {
      for (var v : versions(datasets.datasets().get(OPERATOR, datasetId.toString()))) {
        if (version.toString().equals(String.valueOf(v.get("version")))) {
          return "<h3>Trained on " + Html.esc(datasetId) + " v" + Html.esc(version) + ": "
              + Html.esc(v.get("itemCount")) + " samples</h3>" + classSplit(v);
        }
      }
    } catch (io.strata.registry.controlplane.ApiError e) {
      return "<p class=\"muted\">Dataset " + Html.esc(datasetId) + " is not known to the registry ("
          + Html.esc(e.code()) + ").</p>";
    }
    return "<p class=\"muted\">Version " + Html.esc(version) + " of dataset " + Html.esc(datasetId)
        + " is not known to the registry.</p>";
  }

  /** {@code · 2 GPUs on node-a [0, 1] (kubernetes)}, or the GPUs asked for while not scheduled. */
  private static String placement(Map<String, Object> job) {
    var out = new StringBuilder();
    if (job.get("gpus") != null) {
      out.append(" · ").append(Html.esc(job.get("gpus"))).append(" GPU(s)");
    }
    var nodes = list(job.get("nodes"));
    if (!nodes.isEmpty()) {
      out.append(" on");
      for (var n : nodes) {
        out.append(' ').append(Html.esc(n.get("node"))).append(' ').append(Html.esc(n.get("gpuIndices")));
      }
      out.append(" (").append(Html.esc(job.get("launcher"))).append(')');
    }
    return out.toString();
  }

  private static String card(String label, Object value, String href) {
    String number = "<span class=\"number\">" + Html.esc(value) + "</span>";
    return "<div class=\"card\">" + (href == null ? number : "<a href=\"" + Html.esc(href) + "\">" + number + "</a>")
        + "<span class=\"label\">" + Html.esc(label) + "</span></div>";
  }

  private static String counts(Map<String, Long> counts, String none) {
    if (counts.isEmpty()) {
      return "<p class=\"muted\">" + Html.esc(none) + "</p>";
    }
    var out = new StringBuilder("<table class=\"counts\">");
    counts.forEach((k, v) -> out.append("<tr><th>").append(Html.esc(k)).append("</th><td>").append(Html.esc(v))
        .append("</td></tr>"));
    return out.append("</table>").toString();
  }

  private static String limits(Map<?, ?> limits) {
    if (limits == null) {
      return "";
    }
    var out = new StringBuilder();
    out.append(Html.esc(limits.get("requestsPerSecond"))).append("/s, ").append(Html.esc(limits.get("requestsPerMinute")))
        .append("/min");
    if (limits.get("monthlyQuotaUnits") != null) {
      out.append(", quota ").append(Html.esc(limits.get("monthlyQuotaUnits"))).append(" units/month");
    }
    for (var api : list(limits.get("perApi"))) {
      out.append("<br>").append(Html.esc(api.get("api"))).append(": ").append(Html.esc(api.get("requestsPerSecond")))
          .append("/s, ").append(Html.esc(api.get("requestsPerMinute"))).append("/min");
    }
    return out.toString();
  }

  /** The version's item counts as a class x split table. */
  private static String classSplit(Map<String, Object> version) {
    var table = new TreeMap<String, Map<String, Object>>();
    var splits = new java.util.TreeSet<String>();
    for (var c : list(version.get("counts"))) {
      table.computeIfAbsent((String) c.get("classLabel"), k -> new TreeMap<>()).put((String) c.get("split"),
          c.get("count"));
      splits.add((String) c.get("split"));
    }
    var out = new StringBuilder("<table class=\"counts\"><tr><th>class \\ split</th>");
    splits.forEach(s -> out.append("<th>").append(Html.esc(s)).append("</th>"));
    out.append("</tr>");
    table.forEach((label, bySplit) -> {
      out.append("<tr><th>").append(Html.esc(label)).append("</th>");
      splits.forEach(s -> out.append("<td>").append(Html.esc(bySplit.getOrDefault(s, 0))).append("</td>"));
      out.append("</tr>");
    });
    return out.append("</table>").toString();
  }

  private static String select(String name, List<Map<String, Object>> versions, int selected) {
    var out = new StringBuilder("<select name=\"").append(Html.esc(name)).append("\">");
    for (int i = 0; i < versions.size(); i++) {
      Object v = versions.get(i).get("version");
      out.append("<option value=\"").append(Html.esc(v)).append('"').append(i == selected ? " selected" : "")
          .append('>').append(Html.esc(v)).append("</option>");
    }
    return out.append("</select>").toString();
  }

  private static String items(String title, List<Map<String, Object>> items) {
    var out = new StringBuilder("<h2>").append(Html.esc(title)).append("</h2>");
    if (items.isEmpty()) {
      return out.append("<p class=\"muted\">None.</p>").toString();
    }
    out.append("<table><tr><th>Sample</th><th>Class</th><th>Split</th><th>Blob</th></tr>");
    for (var item : items) {
      out.append("<tr><td><code>").append(Html.esc(item.get("sampleId"))).append("</code></td><td>")
          .append(Html.esc(item.get("classLabel"))).append("</td><td>").append(Html.esc(item.get("split")))
          .append("</td><td><code>").append(Html.esc(item.get("blobUri"))).append("</code></td></tr>");
    }
    return out.append("</table>").toString();
  }

  private static String metrics(Map<?, ?> metrics) {
    var out = new StringBuilder();
    new TreeMap<>(metrics).forEach((k, v) -> out.append(" · ").append(Html.esc(k)).append(' ')
        .append(Html.number(v)));
    return out.toString();
  }

  private static String stateClass(String state) {
    return switch (state) {
      case "SUCCEEDED" -> "good";
      case "FAILED", "CANCELLED" -> "bad";
      default -> "running";
    };
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> versions(Map<String, Object> owner) {
    return list(owner.get("versions"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}
