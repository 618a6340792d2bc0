package io.strata.streams.datasets;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import java.time.Instant;
import java.util.List;

/** Version items for tests. */
final class Items {

  private Items() {
  }

  static DatasetVersionItem item(String sampleId, String classLabel, Split split) {
    return item(sampleId, classLabel, split, List.of(), 1);
  }

  static DatasetVersionItem item(String sampleId, String classLabel, Split split, List<BoundingBox> boxes,
      int version) {
    return DatasetVersionItem.newBuilder().setEventId("e-" + sampleId + "-" + version).setTenantId("acme")
        .setOccurredAt(Instant.ofEpochMilli(1000L * version)).setProducer("test").setDatasetId("ds")
        .setVersion(version).setSampleId(sampleId).setBlobUri("file:/b/" + sampleId).setSplit(split)
        .setClassLabel(classLabel).setBoxes(boxes).setLabelIds(List.of("l-" + sampleId + "-" + version)).build();
  }
}
