package io.strata.schemas.serde;

import java.io.OutputStream;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A growable, unsynchronized byte buffer with its reusable Avro encoder; one per thread, reset per record.
 * (ByteArrayOutputStream synchronizes every write, which the direct encoder makes for each field.)
 */
final class OutputBuffer extends OutputStream {

  private static final int INITIAL_SIZE = 512;
  /** A buffer grown past this by one large record is dropped rather than kept for the thread's lifetime. */
  private static final int MAX_RETAINED_SIZE = 1 << 20;
  private static final ThreadLocal<OutputBuffer> PER_THREAD = ThreadLocal.withInitial(OutputBuffer::new);

  private byte[] bytes = new byte[INITIAL_SIZE];
  private int count;
  private BinaryEncoder encoder;

  static OutputBuffer forThisThread() {
    OutputBuffer buffer = PER_THREAD.get();
    if (buffer.bytes.length > MAX_RETAINED_SIZE) {
      buffer = new OutputBuffer();
      PER_THREAD.set(buffer);
    }
    buffer.count = 0;
    return buffer;
  }

  /** The encoder writing into this buffer, reconfigured so that no state of an earlier record survives. */
  BinaryEncoder encoder() {
    encoder = EncoderFactory.get().directBinaryEncoder(this, encoder);
    return encoder;
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[count++] = (byte) b;
  }

  @Override
  public void write(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, count, length);
    count += length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, count);
  }

  private void ensure(int more) {
    if (count + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
    }
  }
}
