package io.strata.schemas.testing;

import io.strata.events.QualityAssessment;
import io.strata.events.SampleEvent;
import io.strata.events.SampleEventKind;
import io.strata.events.SampleUploaded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Realistic events of the platform's own schemas. */
public final class Events {

  private Events() {}

  /** An upload of a JPEG, with tags and an optional field left empty. */
  public static SampleEvent uploaded() {
    return SampleEvent.newBuilder()
        .setEventId("8f14e45f-ceea-467f-a8e2-7d3c1b9a1c2e")
        .setTenantId("acme")
        .setOccurredAt(Instant.parse("2026-11-03T10:15:30.123Z"))
        .setProducer("ingest-gateway-1")
        .setCausationId("req-42")
        .setSampleId("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        .setKind(SampleEventKind.UPLOADED)
        .setUploaded(SampleUploaded.newBuilder()
            .setBlobUri("file:/data/blobs/sha256/9f/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            .setContentType("image/jpeg")
            .setSizeBytes(183_204L)
            .setWidth(1024)
            .setHeight(768)
            .setDataset("cats-v1")
            .setTags(List.of("cat", "outdoor"))
            .setSource("http")
            .setOriginalFilename("IMG_0042.jpg")
            .setAppKey(null)
            .build())
        .setQuality(null)
        .setDeletionReason(null)
        .build();
  }

  /** A quality assessment: doubles, booleans and a nested record in the second union. */
  public static SampleEvent assessed() {
    return SampleEvent.newBuilder(uploaded())
        .setKind(SampleEventKind.QUALITY_ASSESSED)
        .setUploaded(null)
        .setQuality(QualityAssessment.newBuilder()
            .setBrightness(121.5)
            .setContrast(48.25)
            .setSharpness(310.0)
            .setBlurry(false)
            .setOverExposed(false)
            .setUnderExposed(false)
            .setPerceptualHash("c3a1f0e0d0b0a090")
            .setNearDuplicateOf(null)
            .setPassed(true)
            .build())
        .build();
  }

  /** The record as a generic record of the same schema, logical types raw, converted by plain Avro. */
  public static GenericRecord generic(SpecificRecord record) {
    try {
      var out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForSchema(record.getSchema()))
          .write(record, encoder);
      encoder.flush();
      return new GenericDatumReader<GenericRecord>(record.getSchema())
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
