package io.strata.streams.quality;

import io.strata.blobstore.BlobStore;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The quality review topology: {@code samples} (uploads) → repartition by tenant → review → {@code samples}
 * (assessments, keyed by sample again). It runs off the upload path, so a slow decode never delays an upload's
 * answer. One tenant's uploads are reviewed in one partition, so near-duplicates are found across all of them;
 * the price is that one tenant's review does not spread over several instances.
 */
public final class QualityReview {

  /** The Kafka Streams application id; its consumer group and internal topics are named after it. */
  public static final String APPLICATION_ID = "strata-quality-review";
  /** The perceptual-hash index; its changelog is {@code strata-quality-review-quality-review-hashes-changelog}. */
  public static final String HASH_STORE = "quality-review-hashes";

  /** The repartition topic of uploads keyed by tenant: {@code strata-quality-review-uploads-by-tenant-repartition}. */
  static final String BY_TENANT = "uploads-by-tenant";

  private QualityReview() {
  }

  /**
   * @param samplesTopic where uploads are read and assessments appended (the catalog's {@code samples})
   * @param samples the {@link SampleEvent} serde
   * @param blobs where the samples' bytes are
   * @param thresholds when a sample fails
   * @param maxSide images are measured at most this many pixels on their long side (subsampled beyond)
   */
  public static Topology build(String samplesTopic, Serde<SampleEvent> samples, BlobStore blobs,
      QualityThresholds thresholds, int maxSide) {
    var decoder = new LumaDecoder(maxSide);
    var builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HASH_STORE),
        Serdes.String(), Serdes.String()));
    builder.stream(samplesTopic, Consumed.with(Serdes.String(), samples).withName("samples-source"))
        .filter((sampleId, event) -> event != null && event.getKind() == SampleEventKind.UPLOADED,
            Named.as("uploads-only"))
        // A tenant's near-duplicates must meet in one state store: review each tenant's uploads in one partition.
        .selectKey((sampleId, event) -> event.getTenantId(), Named.as("key-by-tenant"))
        .repartition(Repartitioned.with(Serdes.String(), samples).withName(BY_TENANT))
        .process(() -> new QualityReviewProcessor(blobs, decoder, thresholds), Named.as("quality-review"), HASH_STORE)
        .selectKey((tenant, event) -> event.getSampleId(), Named.as("key-by-sample"))
        .to(samplesTopic, Produced.with(Serdes.String(), samples).withName("quality-assessments-sink"));
    return builder.build();
  }
}
