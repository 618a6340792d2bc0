package io.strata.ingest.gateway.upload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Per tenant, the samples whose latest quality assessment failed, newest assessment first. Bounded: at most
 * {@code maxPerTenant} entries per tenant (about 200 bytes each); when a tenant has more, its oldest failures are
 * forgotten (they stay in the {@code samples} topic and the lakehouse). Thread-safe.
 */
public final class FailedReviews {

  /** One failed sample in a tenant's list. */
  record Failed(String sampleId, SampleQuality quality) {}

  /** A page of failures and, when more follow, the position after its last entry. */
  record Page(List<Failed> failed, Optional<Position> next) {}

  /** A position in a tenant's list: the assessment time and sample id of the last entry seen. */
  public record Position(long assessedAtMillis, String sampleId) {}

  private static final Comparator<Failed> NEWEST_FIRST = Comparator
      .comparingLong((Failed f) -> -f.quality().assessedAt().toEpochMilli())
      .thenComparing(Failed::sampleId);

  private final int maxPerTenant;
  private final Map<String, TreeSet<Failed>> byTenant = new HashMap<>();
  private final Map<String, Failed> bySample = new HashMap<>();

  FailedReviews(int maxPerTenant) {
    if (maxPerTenant < 1) {
      throw new IllegalArgumentException("maxPerTenant must be at least 1, got " + maxPerTenant);
    }
    this.maxPerTenant = maxPerTenant;
  }

  /** Records a sample's latest assessment: listed when it failed, unlisted when it passed. */
  synchronized void assessed(String tenantId, String sampleId, SampleQuality quality) {
    remove(tenantId, sampleId);
    if (quality.passed()) {
      return;
    }
    var entry = new Failed(sampleId, quality);
    TreeSet<Failed> list = byTenant.computeIfAbsent(tenantId, t -> new TreeSet<>(NEWEST_FIRST));
    list.add(entry);
    bySample.put(key(tenantId, sampleId), entry);
    if (list.size() > maxPerTenant) {
      Failed oldest = list.pollLast();
      bySample.remove(key(tenantId, oldest.sampleId()));
    }
  }

  /** Forgets a sample (deleted). */
  synchronized void remove(String tenantId, String sampleId) {
    Failed previous = bySample.remove(key(tenantId, sampleId));
    if (previous != null) {
      TreeSet<Failed> list = byTenant.get(tenantId);
      list.remove(previous);
      if (list.isEmpty()) {
        byTenant.remove(tenantId);
      }
    }
  }

  /** Up to {@code limit} of the tenant's failures after {@code after} (from the newest when empty). */
  synchronized Page page(String tenantId, Optional<Position> after, int limit) {
    TreeSet<Failed> list = byTenant.get(tenantId);
    if (list == null) {
      return new Page(List.of(), Optional.empty());
    }
    var from = after.map(p -> list.tailSet(new Failed(p.sampleId(), marker(p.assessedAtMillis())), false))
        .orElse(list);
    var page = new ArrayList<Failed>(Math.min(limit, from.size()));
    for (Failed failed : from) {
      if (page.size() == limit) {
        Failed last = page.get(page.size() - 1);
        return new Page(page, Optional.of(new Position(last.quality().assessedAt().toEpochMilli(), last.sampleId())));
      }
      page.add(failed);
    }
    return new Page(page, Optional.empty());
  }

  private static SampleQuality marker(long assessedAtMillis) {
    return new SampleQuality(0, 0, 0, false, false, false, null, null, false,
        java.time.Instant.ofEpochMilli(assessedAtMillis));
  }

  private static String key(String tenantId, String sampleId) {
    return tenantId + '\u0000' + sampleId;
  }
}
