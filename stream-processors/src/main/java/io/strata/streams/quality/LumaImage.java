package io.strata.streams.quality;

/**
 * An image reduced to its luma (brightness, 0..255 per pixel), row by row: what the quality metrics look at.
 *
 * @param width pixels per row
 * @param height rows
 * @param luma {@code width * height} values in 0..255, row-major
 */
record LumaImage(int width, int height, int[] luma) {

  LumaImage {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("An image needs at least one pixel, got " + width + "x" + height);
    }
    if (luma.length != width * height) {
      throw new IllegalArgumentException("Expected " + width * height + " luma values, got " + luma.length);
    }
  }

  int at(int x, int y) {
    return luma[y * width + x];
  }
}
