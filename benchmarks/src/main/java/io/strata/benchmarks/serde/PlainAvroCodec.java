package io.strata.benchmarks.serde;

import io.strata.events.SampleEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/** The baseline: Avro binary with a reused writer, reader, encoder, decoder and buffer; no header, no registry. */
final class PlainAvroCodec implements Codec {

  private final SpecificDatumWriter<SampleEvent> writer = new SpecificDatumWriter<>(SampleEvent.class);
  private final SpecificDatumReader<SampleEvent> reader = new SpecificDatumReader<>(SampleEvent.class);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  @Override
  public String name() {
    return "plain Avro binary";
  }

  @Override
  public byte[] encode(SampleEvent event) {
    out.reset();
    encoder = EncoderFactory.get().binaryEncoder(out, encoder);
    try {
      writer.write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public SampleEvent decode(byte[] bytes) {
    decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
    try {
      return reader.read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
