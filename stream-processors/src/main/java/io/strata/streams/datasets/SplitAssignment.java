package io.strata.streams.datasets;

import io.strata.events.Split;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic train/validation/test split of a sample: SHA-256 of {@code seed + ":" + sampleId}, its first
 * eight bytes as an unsigned number modulo 10,000 give a bucket; buckets {@code [0, test*100)} are TEST,
 * {@code [test*100, (test+validation)*100)} VALIDATION, the rest TRAIN. It depends on nothing but the sample,
 * the seed (the datasetId) and the percentages, so a sample keeps its split in every version.
 */
public final class SplitAssignment {

  private SplitAssignment() {
  }

  /**
   * @param sampleId the sample
   * @param seed the dataset seed (the versioner uses the datasetId)
   * @param validationPercent 0..100
   * @param testPercent 0..100, with validationPercent + testPercent at most 100
   */
  public static Split of(String sampleId, String seed, int validationPercent, int testPercent) {
    if (validationPercent < 0 || testPercent < 0 || validationPercent + testPercent > 100) {
      throw new IllegalArgumentException("Split percentages must be >= 0 and sum to at most 100, got validation="
          + validationPercent + " test=" + testPercent);
    }
    long bucket = Long.remainderUnsigned(ByteBuffer.wrap(sha256(seed + ":" + sampleId)).getLong(), 10_000);
    if (bucket < testPercent * 100L) {
      return Split.TEST;
    }
    if (bucket < (testPercent + validationPercent) * 100L) {
      return Split.VALIDATION;
    }
    return Split.TRAIN;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
