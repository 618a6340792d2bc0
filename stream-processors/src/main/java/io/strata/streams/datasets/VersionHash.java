package io.strata.streams.datasets;

import io.strata.events.BoundingBox;
import io.strata.events.DatasetVersionItem;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a dataset version, defined exactly:
 *
 * <ol>
 *   <li>each item's canonical bytes are, in this order: sampleId, blobUri, split name, class label (empty when
 *       none), each as a 4-byte big-endian length and its UTF-8 bytes; then the box count (4 bytes) and per box
 *       its class (length + UTF-8), xMin, yMin, xMax, yMax (IEEE-754 64-bit, big-endian) and difficult (1 byte).
 *       datasetId, version, event id, times and lineage are not content;</li>
 *   <li>the item digest is SHA-256 of those bytes, read as an unsigned 256-bit number;</li>
 *   <li>S is the sum of all item digests modulo 2<sup>256</sup>;</li>
 *   <li>the content hash is the lower-case hex SHA-256 of UTF-8 {@code "strata/dataset-version/v1"}, the item
 *       count (8 bytes big-endian) and S (32 bytes big-endian).</li>
 * </ol>
 *
 * <p>A version's items are a set keyed by sampleId, and this hash equals for equal sets whatever their order, so
 * that it equals the SHA-256 over the items sorted by sampleId in what it identifies while being computable from
 * per-partition partial sums (see the package documentation). It identifies content; it is not a signature.
 */
public final class VersionHash {

  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);
  private static final byte[] DOMAIN = "strata/dataset-version/v1".getBytes(StandardCharsets.UTF_8);

  private VersionHash() {
  }

  /** The content hash of {@code items}. */
  public static String of(Iterable<DatasetVersionItem> items) {
    var sum = new Sum();
    items.forEach(sum::add);
    return sum.hash();
  }

  /** A running sum of item digests; partial sums of disjoint item sets {@link #merge merge}. */
  public static final class Sum {
    private BigInteger total = BigInteger.ZERO;
    private long count;

    /** An empty sum. */
    public Sum() {
    }

    /** A sum read back from {@link #bytes()} and {@link #count()}. */
    public Sum(byte[] bytes, long count) {
      this.total = new BigInteger(1, bytes);
      this.count = count;
    }

    /** Adds one item. */
    public void add(DatasetVersionItem item) {
      total = total.add(new BigInteger(1, digest(canonical(item)))).mod(MODULUS);
      count++;
    }

    /** Adds another partial sum (of items disjoint from this one's). */
    public void merge(Sum other) {
      total = total.add(other.total).mod(MODULUS);
      count += other.count;
    }

    public long count() {
      return count;
    }

    /** S as 32 big-endian bytes. */
    public byte[] bytes() {
      byte[] raw = total.toByteArray();
      byte[] fixed = new byte[32];
      int length = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
      return fixed;
    }

    /** The content hash of the items summed so far. */
    public String hash() {
      var buffer = ByteBuffer.allocate(DOMAIN.length + 8 + 32).put(DOMAIN).putLong(count).put(bytes());
      return HexFormat.of().formatHex(digest(buffer.array()));
    }
  }

  /** The canonical bytes of an item (step 1). */
  static byte[] canonical(DatasetVersionItem item) {
    try {
      var bytes = new ByteArrayOutputStream(256);
      var out = new DataOutputStream(bytes);
      text(out, item.getSampleId());
      text(out, item.getBlobUri());
      text(out, item.getSplit().name());
      text(out, item.getClassLabel() == null ? "" : item.getClassLabel());
      out.writeInt(item.getBoxes().size());
      for (BoundingBox box : item.getBoxes()) {
        text(out, box.getClassLabel());
        out.writeDouble(box.getXMin());
        out.writeDouble(box.getYMin());
        out.writeDouble(box.getXMax());
        out.writeDouble(box.getYMax());
        out.writeBoolean(box.getDifficult());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
