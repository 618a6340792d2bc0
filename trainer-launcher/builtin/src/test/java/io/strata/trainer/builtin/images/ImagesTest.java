package io.strata.trainer.builtin.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.strata.trainer.builtin.TrainingFailure;
import io.strata.trainer.builtin.samples.ShapeImages;
import org.junit.jupiter.api.Test;

class ImagesTest {

  private static final String SHA = "ab".repeat(32);

  @Test
  void shouldTakeTheShaFromLocalAndS3BlobUris() {
    assertThat(BlobUris.sha256("file:/var/strata/blobs/sha256/ab/" + SHA, "s1")).isEqualTo(SHA);
    assertThat(BlobUris.sha256("s3://bucket/prefix/" + SHA, "s1")).isEqualTo(SHA);
    assertThatThrownBy(() -> BlobUris.sha256("file:/tmp/photo.png", "s1"))
        .isInstanceOf(TrainingFailure.class)
        .hasMessageContaining("Sample 's1'");
  }

  @Test
  void shouldDecodeResizeAndStandardiseAnImage() {
    var shape = new ShapeImages(3, 64).draw(0);

    DecodedImage decoded = DecodedImage.decode(ShapeImages.encode(shape.image(), "png"), 16).orElseThrow();

    assertThat(decoded.features().width()).isEqualTo(64);
    assertThat(decoded.pixels()).hasSize(3 * 16 * 16);
    double mean = 0;
    for (float v : decoded.pixels()) {
      mean += v;
    }
    assertThat(mean / decoded.pixels().length).isCloseTo(0, within(1e-4));
  }

  @Test
  void shouldReportBytesThatAreNoImageAsUndecodable() {
    assertThat(DecodedImage.decode("not an image".getBytes(), 16)).isEmpty();
    assertThat(DecodedImage.decode(new byte[0], 16)).isEmpty();
  }
}
