package io.strata.streams.quality;

import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The perceptual hashes of a tenant's reviewed samples in a state store, indexed by band (see
 * {@link PerceptualHash}), so that the near-duplicates of a new hash are found by a few prefix scans. Also
 * remembers which samples were reviewed, so that a sample uploaded again is not reviewed twice.
 *
 * <p>Keys: {@code <tenant>\0r\0<sampleId>} for a reviewed sample and {@code <tenant>\0<band>\0<value>\0<sampleId>}
 * per band; values are the hash in hex.
 */
final class NearDuplicateIndex {

  private static final char SEPARATOR = '\0';
  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, String> store;

  NearDuplicateIndex(KeyValueStore<String, String> store) {
    this.store = store;
  }

  boolean reviewed(String tenant, String sampleId) {
    return store.get(reviewedKey(tenant, sampleId)) != null;
  }

  /**
   * The closest earlier sample of {@code tenant} within {@code maxDistance} bits of {@code hash}, ties broken by
   * the smaller sample id, so that a replay decides the same.
   */
  Optional<String> nearest(String tenant, String sampleId, long hash, int maxDistance) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (int band = 0; band < PerceptualHash.BANDS; band++) {
      try (var candidates = store.prefixScan(bandPrefix(tenant, band, hash), KEYS)) {
        while (candidates.hasNext()) {
          var candidate = candidates.next();
          String candidateId = candidate.key.substring(candidate.key.lastIndexOf(SEPARATOR) + 1);
          if (candidateId.equals(sampleId)) {
            continue;
          }
          int distance = PerceptualHash.distance(hash, PerceptualHash.parse(candidate.value));
          if (distance <= maxDistance && (distance < bestDistance
              || distance == bestDistance && candidateId.compareTo(best) < 0)) {
            best = candidateId;
            bestDistance = distance;
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  void add(String tenant, String sampleId, long hash) {
    String hex = PerceptualHash.hex(hash);
    for (int band = 0; band < PerceptualHash.BANDS; band++) {
      store.put(bandPrefix(tenant, band, hash) + sampleId, hex);
    }
    store.put(reviewedKey(tenant, sampleId), hex);
  }

  private static String reviewedKey(String tenant, String sampleId) {
    return tenant + SEPARATOR + "r" + SEPARATOR + sampleId;
  }

  private static String bandPrefix(String tenant, int band, long hash) {
    return tenant + SEPARATOR + band + SEPARATOR + Integer.toHexString(PerceptualHash.band(hash, band)) + SEPARATOR;
  }
}
