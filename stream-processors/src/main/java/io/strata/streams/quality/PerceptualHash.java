package io.strata.streams.quality;

/**
 * The 64-bit difference hash (dHash) of an image: luma averaged down to 9×8 cells, one bit per pair of
 * horizontal neighbours (set when the left cell is brighter). Resizing, recompression and small edits change
 * few bits, so near-duplicates are hashes within a small Hamming distance.
 *
 * <p>For lookups the hash is cut into {@value #BANDS} bands; two hashes within
 * {@value #MAX_INDEXED_DISTANCE} bits of each other agree exactly on at least one band (pigeonhole), so
 * candidates are found by exact band matches instead of a scan of every earlier hash.
 */
final class PerceptualHash {

  static final int BANDS = 5;
  static final int MAX_INDEXED_DISTANCE = BANDS - 1;
  private static final int[] BAND_BITS = {13, 13, 13, 13, 12};

  private PerceptualHash() {
  }

  static long of(LumaImage image) {
    double[] cells = new double[9 * 8];
    int w = image.width();
    int h = image.height();
    for (int cy = 0; cy < 8; cy++) {
      int y0 = cy * h / 8;
      int y1 = Math.max(y0 + 1, (cy + 1) * h / 8);
      for (int cx = 0; cx < 9; cx++) {
        int x0 = cx * w / 9;
        int x1 = Math.max(x0 + 1, (cx + 1) * w / 9);
        cells[cy * 9 + cx] = mean(image, Math.min(x0, w - 1), Math.min(x1, w), Math.min(y0, h - 1), Math.min(y1, h));
      }
    }
    long hash = 0;
    for (int cy = 0; cy < 8; cy++) {
      for (int cx = 0; cx < 8; cx++) {
        hash <<= 1;
        if (cells[cy * 9 + cx] > cells[cy * 9 + cx + 1]) {
          hash |= 1;
        }
      }
    }
    return hash;
  }

  private static double mean(LumaImage image, int x0, int x1, int y0, int y1) {
    long sum = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        sum += image.at(x, y);
      }
    }
    return (double) sum / ((long) (x1 - x0) * (y1 - y0));
  }

  static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** The value of band {@code band} (0-based) of {@code hash}. */
  static int band(long hash, int band) {
    int shift = 64;
    for (int i = 0; i <= band; i++) {
      shift -= BAND_BITS[i];
    }
    return (int) ((hash >>> shift) & ((1L << BAND_BITS[band]) - 1));
  }

  static String hex(long hash) {
    return String.format("%016x", hash);
  }

  static long parse(String hex) {
    return Long.parseUnsignedLong(hex, 16);
  }
}
