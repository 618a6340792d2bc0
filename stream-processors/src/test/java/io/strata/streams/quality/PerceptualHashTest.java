package io.strata.streams.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {

  @Test
  void shouldGiveAResizedCopyANearbyHashAndADifferentPictureAFarOne() {
    var original = TestImages.photo(400, 300, 7);
    long hash = PerceptualHash.of(LumaDecoder.luma(original));
    long resized = PerceptualHash.of(LumaDecoder.luma(TestImages.scaled(original, 200, 150)));
    long other = PerceptualHash.of(LumaDecoder.luma(TestImages.photo(400, 300, 8)));

    assertThat(PerceptualHash.distance(hash, resized)).isLessThanOrEqualTo(QualityThresholds.DEFAULTS.maxNearDuplicateDistance());
    assertThat(PerceptualHash.distance(hash, other)).isGreaterThan(10);
  }

  @Test
  void shouldShareABandWheneverTwoHashesAreWithinTheIndexedDistance() {
    var random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      long a = random.nextLong();
      long b = a;
      int flips = random.nextInt(PerceptualHash.MAX_INDEXED_DISTANCE + 1);
      for (int f = 0; f < flips; f++) {
        b ^= 1L << random.nextInt(64);
      }
      boolean shared = false;
      for (int band = 0; band < PerceptualHash.BANDS; band++) {
        shared |= PerceptualHash.band(a, band) == PerceptualHash.band(b, band);
      }
      assertThat(shared).as("hashes %x and %x", a, b).isTrue();
    }
  }

  @Test
  void shouldRoundTripTheHexForm() {
    long hash = 0xf00dcafe12345678L;
    assertThat(PerceptualHash.hex(hash)).isEqualTo("f00dcafe12345678");
    assertThat(PerceptualHash.parse(PerceptualHash.hex(hash))).isEqualTo(hash);
    assertThat(PerceptualHash.parse(PerceptualHash.hex(-1L))).isEqualTo(-1L);
  }
}
