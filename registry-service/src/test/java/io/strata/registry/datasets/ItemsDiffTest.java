package io.strata.registry.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemsDiffTest {

  private static DatasetVersionItem item(String sampleId, String classLabel, BoundingBox... boxes) {
    return DatasetVersionItem.newBuilder().setEventId("e-" + sampleId).setTenantId("t").setOccurredAt(Instant.EPOCH)
        .setProducer("test").setDatasetId("d").setVersion(1).setSampleId(sampleId).setBlobUri("file:/b/" + sampleId)
        .setSplit(Split.TRAIN).setClassLabel(classLabel).setBoxes(List.of(boxes)).build();
  }

  @Test
  void shouldFindAddedRemovedAndRelabelledSamplesSortedById() {
    var box = new BoundingBox("cat", 0.1, 0.1, 0.4, 0.4, false);
    var older = List.of(item("c", "cat"), item("a", "cat"), item("b", "dog"), item("d", null, box));
    var newer = List.of(item("e", "cat"), item("a", "cat"), item("b", "cat"), item("d", null,
        new BoundingBox("cat", 0.1, 0.1, 0.5, 0.4, false)), item("f", "dog"));
    var diff = ItemsDiff.between(older, newer);
    assertThat(diff.added()).extracting(DatasetVersionItem::getSampleId).containsExactly("e", "f");
    assertThat(diff.removed()).extracting(DatasetVersionItem::getSampleId).containsExactly("c");
    assertThat(diff.relabelled()).extracting(r -> r.to().getSampleId()).containsExactly("b", "d");
    assertThat(diff.relabelled().get(0).from().getClassLabel()).isEqualTo("dog");
  }

  @Test
  void shouldFindNothingBetweenEqualVersions() {
    var items = List.of(item("a", "cat"), item("b", "dog"));
    var diff = ItemsDiff.between(items, items);
    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed()).isEmpty();
    assertThat(diff.relabelled()).isEmpty();
  }

  @Test
  void shouldNotCountASplitOrLineageChangeAsARelabel() {
    var before = item("a", "cat");
    var after = DatasetVersionItem.newBuilder(before).setLabelIds(List.of("other")).build();
    assertThat(ItemsDiff.between(List.of(before), List.of(after)).relabelled()).isEmpty();
  }
}
