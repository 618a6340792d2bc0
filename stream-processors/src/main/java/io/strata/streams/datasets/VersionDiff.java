package io.strata.streams.datasets;

import io.strata.events.DatasetVersionItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between two versions of a dataset, by sampleId: samples only in the newer version (added), only
 * in the older (removed), and in both with a different class or boxes (relabelled). Each list is sorted by
 * sampleId. A sample's split never changes between versions of one dataset, so it is not compared.
 *
 * @param added items of the newer version whose sample the older lacks
 * @param removed items of the older version whose sample the newer lacks
 * @param relabelled samples in both whose label differs
 */
public record VersionDiff(List<DatasetVersionItem> added, List<DatasetVersionItem> removed,
    List<Relabelled> relabelled) {

  /**
   * @param before the item in the older version
   * @param after the item in the newer version
   */
  public record Relabelled(DatasetVersionItem before, DatasetVersionItem after) {
  }

  public VersionDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    relabelled = List.copyOf(relabelled);
  }

  /** The diff from {@code older} to {@code newer}, each the full item list of a version. */
  public static VersionDiff between(List<DatasetVersionItem> older, List<DatasetVersionItem> newer) {
    Map<String, DatasetVersionItem> before = bySample(older);
    Map<String, DatasetVersionItem> after = bySample(newer);
    var added = new ArrayList<DatasetVersionItem>();
    var relabelled = new ArrayList<Relabelled>();
    for (var item : after.values()) {
      var previous = before.get(item.getSampleId());
      if (previous == null) {
        added.add(item);
      } else if (!Objects.equals(previous.getClassLabel(), item.getClassLabel())
          || !previous.getBoxes().equals(item.getBoxes())) {
        relabelled.add(new Relabelled(previous, item));
      }
    }
    var removed = before.values().stream().filter(item -> !after.containsKey(item.getSampleId())).toList();
    Comparator<DatasetVersionItem> bySampleId = Comparator.comparing(DatasetVersionItem::getSampleId);
    added.sort(bySampleId);
    relabelled.sort(Comparator.comparing(r -> r.after().getSampleId()));
    return new VersionDiff(added, removed.stream().sorted(bySampleId).toList(), relabelled);
  }

  /** Whether the two versions have the same items. */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && relabelled.isEmpty();
  }

  private static Map<String, DatasetVersionItem> bySample(List<DatasetVersionItem> items) {
    var map = new LinkedHashMap<String, DatasetVersionItem>();
    for (var item : items) {
      if (map.put(item.getSampleId(), item) != null) {
        throw new IllegalArgumentException("A version lists sample " + item.getSampleId() + " twice");
      }
    }
    return map;
  }
}
