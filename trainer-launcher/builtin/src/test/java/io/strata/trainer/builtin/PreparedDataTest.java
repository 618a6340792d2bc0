package io.strata.trainer.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import io.strata.events.Split;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedDataTest {

  @Test
  void shouldTrainOnTheImageLabelOrElseTheLargestBox() {
    var small = new BoundingBox("dog", 0.0, 0.0, 5.0, 5.0, false);
    var large = new BoundingBox("cat", 0.0, 0.0, 50.0, 50.0, false);

    assertThat(PreparedData.classOf(item("bird", List.of(large)))).contains("bird");
    assertThat(PreparedData.classOf(item(null, List.of(small, large)))).contains("cat");
    assertThat(PreparedData.classOf(item(null, List.of()))).isEmpty();
  }

  private static DatasetVersionItem item(String classLabel, List<BoundingBox> boxes) {
    return DatasetVersionItem.newBuilder().setEventId("e").setTenantId("t").setOccurredAt(java.time.Instant.EPOCH)
        .setProducer("test").setDatasetId("d").setVersion(1).setSampleId("s").setBlobUri("file:/x")
        .setSplit(Split.TRAIN).setClassLabel(classLabel).setBoxes(boxes).build();
  }
}
