package io.strata.registry.datasets;

import io.strata.events.DatasetVersionItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed from one version of a dataset to another, by sampleId: samples only in the newer version (added),
 * only in the older one (removed), and in both with another class or other boxes (relabelled). The older version
 * is held in memory, the newer one streams through {@link #newer}; each list comes out sorted by sampleId.
 */
final class ItemsDiff {

  /** A sample in both versions whose label differs. */
  record Relabelled(DatasetVersionItem from, DatasetVersionItem to) {}

  /** The three lists, each sorted by sampleId. */
  record Result(List<DatasetVersionItem> added, List<DatasetVersionItem> removed, List<Relabelled> relabelled) {}

  private static final Comparator<DatasetVersionItem> BY_SAMPLE = Comparator.comparing(DatasetVersionItem::getSampleId);

  private final Map<String, DatasetVersionItem> unmatched = new HashMap<>();
  private final List<DatasetVersionItem> added = new ArrayList<>();
  private final List<Relabelled> relabelled = new ArrayList<>();
  private boolean older = true;

  /** Adds an item of the older version; all of them come before the first {@link #newer} item. */
  void older(DatasetVersionItem item) {
    if (!older) {
      throw new IllegalStateException("Items of the older version must all come before those of the newer one");
    }
    unmatched.putIfAbsent(item.getSampleId(), item);
  }

  /** Compares an item of the newer version with the older one. */
  void newer(DatasetVersionItem item) {
    older = false;
    DatasetVersionItem before = unmatched.remove(item.getSampleId());
    if (before == null) {
      added.add(item);
    } else if (!sameLabel(before, item)) {
      relabelled.add(new Relabelled(before, item));
    }
  }

  Result result() {
    added.sort(BY_SAMPLE);
    relabelled.sort(Comparator.comparing(r -> r.to().getSampleId()));
    return new Result(List.copyOf(added), unmatched.values().stream().sorted(BY_SAMPLE).toList(),
        List.copyOf(relabelled));
  }

  /** The diff of two whole item lists. */
  static Result between(Iterable<DatasetVersionItem> olderItems, Iterable<DatasetVersionItem> newerItems) {
    var diff = new ItemsDiff();
    olderItems.forEach(diff::older);
    newerItems.forEach(diff::newer);
    return diff.result();
  }

  static boolean sameLabel(DatasetVersionItem a, DatasetVersionItem b) {
    return Objects.equals(str(a.getClassLabel()), str(b.getClassLabel())) && a.getBoxes().equals(b.getBoxes());
  }

  private static String str(CharSequence text) {
    return text == null ? null : text.toString();
  }
}
