package io.strata.registry.console;

import io.strata.registry.controlplane.ControlPlane;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The samples pages: per tenant its sample counts, and its newest samples (paged, optionally only those that failed
 * quality review) with thumbnails and quality flags. Built from {@link SampleIndex}; knows nothing about HTTP.
 */
final class SamplePages {

  static final int PAGE_SIZE = 24;

  private final ControlPlane controlPlane;
  private final SamplesFeature samples;

  SamplePages(ControlPlane controlPlane, SamplesFeature samples) {
    this.controlPlane = controlPlane;
    this.samples = samples;
  }

  /** {@code /console/samples}: every tenant with its counts. */
  Page tenants() {
    var index = samples.index();
    var counts = index.counts();
    var names = new LinkedHashMap<String, Object>();
    for (var tenant : controlPlane.tenants().list()) {
      names.put((String) tenant.get("tenantId"), tenant.get("displayName"));
    }
    counts.keySet().forEach(id -> names.putIfAbsent(id, null));
    var body = new StringBuilder(status());
    body.append("<p class=\"muted\">Counts are complete; each tenant's newest ").append(index.perTenant())
        .append(" samples are listed.</p>");
    if (names.isEmpty()) {
      body.append("<p class=\"muted\">No tenants yet.</p>");
    } else {
      body.append("<table><tr><th>Tenant</th><th>Uploaded</th><th>Assessed</th><th>Failed review</th>"
          + "<th>Deleted</th><th></th></tr>");
      for (Map.Entry<String, Object> tenant : names.entrySet()) {
        var c = index.counts(tenant.getKey());
        String href = "/console/samples/" + Html.path(tenant.getKey());
        body.append("<tr><td>").append(Html.link(href, tenant.getValue() == null ? tenant.getKey()
                : tenant.getValue())).append(" <small class=\"muted\">").append(Html.esc(tenant.getKey()))
            .append("</small></td><td>").append(c.uploaded()).append("</td><td>").append(c.assessed())
            .append("</td><td>").append(c.failedReview() > 0 ? "<span class=\"bad\">" + c.failedReview() + "</span>"
                : "0").append("</td><td>").append(c.deleted()).append("</td><td>")
            .append(Html.link(href + "?filter=failed", "failed review")).append("</td></tr>");
      }
      body.append("</table>");
    }
    return Page.of("Samples", "samples", body.toString());
  }

  /** {@code /console/samples/{tenantId}}: the tenant's newest samples, page {@code page}. */
  Page tenant(String tenantId, boolean failedOnly, int page) {
    var tenant = controlPlane.tenants().get(tenantId);
    var index = samples.index();
    var c = index.counts(tenantId);
    var result = index.page(tenantId, failedOnly, page, PAGE_SIZE);
    String base = "/console/samples/" + Html.path(tenantId);
    var body = new StringBuilder(status()).append("<section class=\"cards\">")
        .append(card("Uploaded", c.uploaded())).append(card("Assessed", c.assessed()))
        .append(card("Failed review", c.failedReview())).append(card("Deleted", c.deleted())).append("</section>")
        .append("<p class=\"filters\">").append(failedOnly ? Html.link(base, "All samples")
            : "<strong>All samples</strong>").append(" · ").append(failedOnly ? "<strong>Failed review</strong>"
            : Html.link(base + "?filter=failed", "Failed review")).append(" <span class=\"muted\">(")
        .append(result.matching()).append(" of the newest ").append(c.kept()).append(" kept")
        .append(c.kept() >= index.perTenant() ? ", older samples are counted but not listed" : "")
        .append(")</span></p>");
    if (result.samples().isEmpty()) {
      body.append("<p class=\"muted\">").append(failedOnly ? "No sample failed quality review."
          : "No samples yet: upload one through the ingest gateway or the drop folder.").append("</p>");
    } else {
      body.append("<div class=\"samples\">");
      for (var s : result.samples()) {
        body.append(sample(tenantId, s));
      }
      body.append("</div>");
    }
    if (result.pages() > 1) {
      String query = failedOnly ? "?filter=failed&page=" : "?page=";
      body.append("<p class=\"pager\">");
      if (result.page() > 1) {
        body.append(Html.link(base + query + (result.page() - 1), "← newer")).append(' ');
      }
      body.append("page ").append(result.page()).append(" of ").append(result.pages());
      if (result.page() < result.pages()) {
        body.append(' ').append(Html.link(base + query + (result.page() + 1), "older →"));
      }
      body.append("</p>");
    }
    return Page.of("Samples of " + tenant.get("displayName"), "samples", body.toString());
  }

  private static String sample(String tenantId, SampleIndex.Sample s) {
    String thumbnail = "/console/thumbnails/" + Html.path(s.sampleId()) + "?tenant=" + Html.path(tenantId);
    var out = new StringBuilder("<figure class=\"sample").append(s.failedReview() ? " failed" : "")
        .append("\"><img class=\"thumb\" loading=\"lazy\" src=\"").append(Html.esc(thumbnail)).append("\" alt=\"")
        .append(Html.esc(s.originalFilename() == null ? s.sampleId() : s.originalFilename())).append("\">")
        .append("<figcaption><code title=\"").append(Html.esc(s.sampleId())).append("\">")
        .append(Html.esc(s.sampleId().substring(0, Math.min(12, s.sampleId().length())))).append("</code>");
    if (s.originalFilename() != null) {
      out.append("<br>").append(Html.esc(s.originalFilename()));
    }
    out.append("<br><span class=\"muted\">").append(Html.esc(s.width())).append('×').append(Html.esc(s.height()))
        .append(' ').append(Html.esc(s.contentType())).append(" · ").append(Html.esc(s.source()));
    if (s.dataset() != null) {
      out.append(" · ").append(Html.esc(s.dataset()));
    }
    out.append("<br>").append(Html.esc(s.uploadedAt())).append("</span><br>");
    var q = s.quality();
    if (q == null) {
      out.append("<span class=\"muted\">not assessed yet</span>");
    } else {
      out.append(q.passed() ? "<span class=\"good\">passed</span>" : "<span class=\"bad\">failed review</span>");
      for (String flag : q.flags()) {
        out.append(" <span class=\"flag\">").append(Html.esc(flag)).append("</span>");
      }
      out.append("<br><span class=\"muted\">brightness ").append(format(q.brightness())).append(" · contrast ")
          .append(format(q.contrast())).append(" · sharpness ").append(format(q.sharpness())).append("</span>");
    }
    return out.append("</figcaption></figure>").toString();
  }

  private String status() {
    String status = samples.status();
    return status == null ? "" : "<p class=\"notice\">" + Html.esc(status) + "</p>";
  }

  private static String card(String label, long value) {
    return "<div class=\"card\"><span class=\"number\">" + value + "</span><span class=\"label\">"
        + Html.esc(label) + "</span></div>";
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
