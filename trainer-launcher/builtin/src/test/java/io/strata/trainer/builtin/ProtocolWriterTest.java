package io.strata.trainer.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.trainer.builtin.training.EpochResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolWriterTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ProtocolWriter protocol = new ProtocolWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  @Test
  void shouldWriteProgressWithNumericFieldsOnly() {
    protocol.progress(new EpochResult(3, 0.25, 0.9, Double.NaN, 1234.5), false);

    assertThat(output()).isEqualTo("strata.progress epoch=3 loss=0.250000 accuracy=0.900000 images_per_s=1234.500000 "
        + "gpu=0\n");
  }

  @Test
  void shouldWriteTheOutcomeWithArtifactFirst() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("test_accuracy", 0.875);
    metrics.put("train_images", 300.0);

    protocol.outcome("file:/blobs/sha256/ab/ab12", "ab12", metrics);

    assertThat(output()).isEqualTo("strata.outcome artifactUri=file:/blobs/sha256/ab/ab12 artifactSha256=ab12 "
        + "test_accuracy=0.875000 train_images=300\n");
  }

  @Test
  void shouldKeepAnErrorOnOneLine() {
    protocol.error("first\nsecond");

    assertThat(output()).isEqualTo("strata.error first second\n");
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
