package io.strata.ingest.gateway.image;

import java.util.Objects;

/**
 * What the gateway learnt about an accepted image without decoding its pixels.
 *
 * @param format the format its magic bytes name
 * @param width width in pixels, from the header
 * @param height height in pixels, from the header
 */
public record ImageInfo(ImageFormat format, int width, int height) {

  public ImageInfo {
    Objects.requireNonNull(format, "format");
  }
}
