package io.strata.ingest.gateway.image;

/**
 * How big an accepted image may be.
 *
 * @param maxBytes the largest file, in bytes
 * @param maxPixels the largest width × height
 * @param headerBytes how many leading bytes are kept in memory to find the header in; an image whose header
 *     lies beyond them (e.g. behind very large metadata segments) is refused
 */
public record ImageLimits(long maxBytes, long maxPixels, int headerBytes) {

  public ImageLimits {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
    }
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be at least 1, got " + maxPixels);
    }
    if (headerBytes < 1024) {
      throw new IllegalArgumentException("headerBytes must be at least 1024, got " + headerBytes);
    }
  }
}
