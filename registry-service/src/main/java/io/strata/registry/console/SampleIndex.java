package io.strata.registry.console;

import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleUploaded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the console knows about samples, folded from the {@code samples} topic with bounded memory: per tenant the
 * complete event counts, and only the newest {@code perTenant} uploaded samples (by upload time) with their latest
 * quality assessment. An older sample drops out of the window when a newer one arrives; a quality or delete event
 * for a sample outside the window only moves the counts. Safe for one writer and many readers.
 */
final class SampleIndex {

  /** Quality flags of one sample, from its latest {@code QUALITY_ASSESSED} event. */
  record Quality(double brightness, double contrast, double sharpness, boolean blurry, boolean overExposed,
      boolean underExposed, String nearDuplicateOf, boolean passed) {

    static Quality of(QualityAssessment q) {
      return new Quality(q.getBrightness(), q.getContrast(), q.getSharpness(), q.getBlurry(), q.getOverExposed(),
          q.getUnderExposed(), q.getNearDuplicateOf(), q.getPassed());
    }

    /** The raised flags, e.g. {@code [blurry, near-duplicate]}; empty when none. */
    List<String> flags() {
      var flags = new ArrayList<String>();
      if (blurry) {
        flags.add("blurry");
      }
      if (overExposed) {
        flags.add("over-exposed");
      }
      if (underExposed) {
        flags.add("under-exposed");
      }
      if (nearDuplicateOf != null) {
        flags.add("near-duplicate");
      }
      return flags;
    }
  }

  /** One uploaded sample as the console lists it; {@code quality} is null until it is assessed. */
  record Sample(String tenantId, String sampleId, Instant uploadedAt, String blobUri, String contentType,
      long sizeBytes, int width, int height, String dataset, String source, String originalFilename,
      Quality quality) {

    boolean failedReview() {
      return quality != null && !quality.passed();
    }

    Sample withQuality(Quality next) {
      return new Sample(tenantId, sampleId, uploadedAt, blobUri, contentType, sizeBytes, width, height, dataset,
          source, originalFilename, next);
    }
  }

  /** Event counts of one tenant, complete (not limited to the window). */
  record Counts(long uploaded, long assessed, long failedReview, long deleted, int kept) {}

  /** One page of a tenant's newest samples. */
  record SamplePage(List<Sample> samples, int page, int pages, int matching) {}

  private static final Comparator<Sample> NEWEST_FIRST = Comparator.comparing(Sample::uploadedAt).reversed()
      .thenComparing(Sample::sampleId);

  private final int perTenant;
  private final Map<String, TenantSamples> tenants = new HashMap<>();
  private long events;

  /** @param perTenant how many of each tenant's newest samples are kept (at least 1) */
  SampleIndex(int perTenant) {
    if (perTenant < 1) {
      throw new IllegalArgumentException("perTenant must be at least 1, was " + perTenant);
    }
    this.perTenant = perTenant;
  }

  int perTenant() {
    return perTenant;
  }

  /** Folds one event of the {@code samples} topic in. */
  synchronized void apply(SampleEvent event) {
    events++;
    var tenant = tenants.computeIfAbsent(event.getTenantId(), id -> new TenantSamples());
    switch (event.getKind()) {
      case UPLOADED -> {
        SampleUploaded u = event.getUploaded();
        if (u == null) {
          return;
        }
        tenant.uploaded++;
        Sample previous = tenant.byId.get(event.getSampleId());
        if (previous != null) {
          return;
        }
        tenant.add(new Sample(event.getTenantId(), event.getSampleId(), event.getOccurredAt(), u.getBlobUri(),
            u.getContentType(), u.getSizeBytes(), u.getWidth(), u.getHeight(), u.getDataset(), u.getSource(),
            u.getOriginalFilename(), null), perTenant);
      }
      case QUALITY_ASSESSED -> {
        if (event.getQuality() == null) {
          return;
        }
        var quality = Quality.of(event.getQuality());
        Sample kept = tenant.byId.get(event.getSampleId());
        if (kept != null && kept.quality() != null) {
          // A re-assessment of a kept sample replaces the earlier verdict in the counts.
          tenant.assessed--;
          tenant.failed -= kept.quality().passed() ? 0 : 1;
        }
        tenant.assessed++;
        tenant.failed += quality.passed() ? 0 : 1;
        if (kept != null) {
          tenant.replace(kept, kept.withQuality(quality));
        }
      }
      case DELETED -> {
        tenant.deleted++;
        Sample kept = tenant.byId.get(event.getSampleId());
        if (kept != null) {
          tenant.remove(kept);
        }
      }
      default -> {
        // UNKNOWN (a newer producer's kind): counted in events only.
      }
    }
  }

  /** Events folded so far. */
  synchronized long events() {
    return events;
  }

  /** Counts per tenant id, sorted by tenant id. */
  synchronized Map<String, Counts> counts() {
    var all = new TreeMap<String, Counts>();
    tenants.forEach((id, t) -> all.put(id, t.counts()));
    return all;
  }

  /** Counts of one tenant (zeros when it has no samples). */
  synchronized Counts counts(String tenantId) {
    var tenant = tenants.get(tenantId);
    return tenant == null ? new Counts(0, 0, 0, 0, 0) : tenant.counts();
  }

  /** A kept sample of {@code tenantId}; empty when the tenant has no such sample in its window. */
  synchronized Optional<Sample> find(String tenantId, String sampleId) {
    var tenant = tenants.get(tenantId);
    return tenant == null ? Optional.empty() : Optional.ofNullable(tenant.byId.get(sampleId));
  }

  /**
   * Page {@code page} (from 1) of the tenant's kept samples, newest first, {@code size} a page; only those that
   * failed quality review when {@code failedOnly}. A page past the end answers the last page.
   */
  synchronized SamplePage page(String tenantId, boolean failedOnly, int page, int size) {
    var tenant = tenants.get(tenantId);
    var matching = new ArrayList<Sample>();
    if (tenant != null) {
      for (Sample s : tenant.order) {
        if (!failedOnly || s.failedReview()) {
          matching.add(s);
        }
      }
    }
    int pages = Math.max(1, (matching.size() + size - 1) / size);
    int current = Math.min(Math.max(1, page), pages);
    int from = (current - 1) * size;
    return new SamplePage(List.copyOf(matching.subList(from, Math.min(matching.size(), from + size))), current,
        pages, matching.size());
  }

  private static final class TenantSamples {
    final Map<String, Sample> byId = new HashMap<>();
    final TreeSet<Sample> order = new TreeSet<>(NEWEST_FIRST);
    long uploaded;
    long assessed;
    long failed;
    long deleted;

    void add(Sample sample, int limit) {
      if (byId.size() >= limit && NEWEST_FIRST.compare(sample, order.last()) > 0) {
        return;
      }
      byId.put(sample.sampleId(), sample);
      order.add(sample);
      while (byId.size() > limit) {
        remove(order.last());
      }
    }

    void replace(Sample old, Sample next) {
      order.remove(old);
      order.add(next);
      byId.put(next.sampleId(), next);
    }

    void remove(Sample sample) {
      order.remove(sample);
      byId.remove(sample.sampleId());
    }

    Counts counts() {
      return new Counts(uploaded, assessed, failed, deleted, byId.size());
    }
  }
}
