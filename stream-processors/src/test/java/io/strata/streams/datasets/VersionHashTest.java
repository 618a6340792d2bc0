package io.strata.streams.datasets;

import static io.strata.streams.datasets.Items.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionHashTest {

  private final List<DatasetVersionItem> items = List.of(item("a", "cat", Split.TRAIN), item("b", "dog", Split.TEST),
      item("c", null, Split.VALIDATION, List.of(new BoundingBox("car", 1.0, 2.0, 3.0, 4.0, false)), 1));

  @Test
  void shouldNotDependOnOrderVersionOrLineage() {
    var reversed = new ArrayList<>(items);
    java.util.Collections.reverse(reversed);
    var otherVersion = items.stream().map(i -> DatasetVersionItem.newBuilder(i).setVersion(7).setEventId("x")
        .setLabelIds(List.of("other")).build()).toList();
    assertThat(VersionHash.of(reversed)).isEqualTo(VersionHash.of(items)).isEqualTo(VersionHash.of(otherVersion));
  }

  @Test
  void shouldChangeWithAnyContent() {
    String base = VersionHash.of(items);
    assertThat(VersionHash.of(items.subList(0, 2))).isNotEqualTo(base);
    assertThat(VersionHash.of(List.of(item("a", "dog", Split.TRAIN), items.get(1), items.get(2)))).isNotEqualTo(base);
    assertThat(VersionHash.of(List.of(item("a", "cat", Split.TEST), items.get(1), items.get(2)))).isNotEqualTo(base);
    var movedBox = item("c", null, Split.VALIDATION, List.of(new BoundingBox("car", 1.0, 2.0, 3.0, 4.5, false)), 1);
    assertThat(VersionHash.of(List.of(items.get(0), items.get(1), movedBox))).isNotEqualTo(base);
  }

  @Test
  void shouldMergePartialSumsToTheWholeHash() {
    var first = new VersionHash.Sum();
    first.add(items.get(0));
    var second = new VersionHash.Sum();
    second.add(items.get(2));
    second.add(items.get(1));
    var restored = new VersionHash.Sum(first.bytes(), first.count());
    restored.merge(new VersionHash.Sum(second.bytes(), second.count()));
    assertThat(restored.hash()).isEqualTo(VersionHash.of(items));
    assertThat(restored.count()).isEqualTo(3);
  }

  @Test
  void shouldFollowTheDocumentedDefinitionForOneItem() throws Exception {
    var item = items.get(0);
    var canonical = ByteBuffer.allocate((4 + 1) + (4 + 9) + (4 + 5) + (4 + 3) + 4);
    for (String field : List.of("a", "file:/b/a", "TRAIN", "cat")) {
      byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
      canonical.putInt(utf8.length).put(utf8);
    }
    canonical.putInt(0);
    byte[] itemDigest = MessageDigest.getInstance("SHA-256").digest(canonical.array());
    var outer = ByteBuffer.allocate(25 + 8 + 32).put("strata/dataset-version/v1".getBytes(StandardCharsets.UTF_8))
        .putLong(1).put(itemDigest);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(outer.array()));
    assertThat(VersionHash.of(List.of(item))).isEqualTo(expected);
  }

  @Test
  void shouldHashTheEmptyVersion() {
    assertThat(VersionHash.of(List.of())).hasSize(64).isEqualTo(new VersionHash.Sum().hash());
  }
}
