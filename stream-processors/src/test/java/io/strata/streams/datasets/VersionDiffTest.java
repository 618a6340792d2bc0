package io.strata.streams.datasets;

import static io.strata.streams.datasets.Items.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionDiffTest {

  @Test
  void shouldListAddedRemovedAndRelabelledSamplesSortedBySampleId() {
    var older = List.of(item("a", "cat", Split.TRAIN), item("b", "dog", Split.TEST), item("c", "cat", Split.TRAIN),
        item("d", "cat", Split.TRAIN));
    var newer = List.of(item("e", "dog", Split.TRAIN, List.of(), 2), item("a", "cat", Split.TRAIN, List.of(), 2),
        item("c", "dog", Split.TRAIN, List.of(), 2), item("b", "dog", Split.TEST, List.of(), 2),
        item("0", "cat", Split.VALIDATION, List.of(), 2));
    var diff = VersionDiff.between(older, newer);
    assertThat(diff.added()).extracting(DatasetVersionItem::getSampleId).containsExactly("0", "e");
    assertThat(diff.removed()).extracting(DatasetVersionItem::getSampleId).containsExactly("d");
    assertThat(diff.relabelled()).singleElement().satisfies(r -> {
      assertThat(r.before().getClassLabel()).isEqualTo("cat");
      assertThat(r.after().getClassLabel()).isEqualTo("dog");
    });
    assertThat(diff.isEmpty()).isFalse();
  }

  @Test
  void shouldSeeChangedBoxesAsARelabelAndNewLineageAsNoChange() {
    var box = new BoundingBox("car", 0.0, 0.0, 5.0, 5.0, false);
    var moved = new BoundingBox("car", 0.0, 0.0, 6.0, 5.0, false);
    var diff = VersionDiff.between(List.of(item("a", null, Split.TRAIN, List.of(box), 1)),
        List.of(item("a", null, Split.TRAIN, List.of(moved), 2)));
    assertThat(diff.relabelled()).hasSize(1);
    var same = VersionDiff.between(List.of(item("a", null, Split.TRAIN, List.of(box), 1)),
        List.of(item("a", null, Split.TRAIN, List.of(box), 2)));
    assertThat(same.isEmpty()).isTrue();
  }

  @Test
  void shouldRejectAVersionThatListsASampleTwice() {
    assertThatThrownBy(() -> VersionDiff.between(List.of(item("a", "cat", Split.TRAIN), item("a", "dog",
        Split.TRAIN)), List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }
}
