package io.strata.streams.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary serdes of the processors' internal records (state stores and repartition topics, never public topics):
 * a format byte, then the fields written with {@link DataOutputStream}, so that a later format can still read older
 * state. Also the field helpers the records share.
 */
public final class BinarySerdes {

  private BinarySerdes() {
  }

  /** Writes a value's fields. */
  public interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  /** Reads a value's fields. */
  public interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  /**
   * A serde writing {@code format} then the fields; reading another format fails naming {@code records}.
   *
   * @param records what the records are, for the error, e.g. {@code versioner}
   */
  public static <T> Serde<T> of(String records, int format, Writer<T> writer, Reader<T> reader) {
    return Serdes.serdeFrom((topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        var bytes = new ByteArrayOutputStream(256);
        var out = new DataOutputStream(bytes);
        out.writeByte(format);
        writer.write(out, value);
        out.flush();
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        var in = new DataInputStream(new ByteArrayInputStream(data));
        int found = in.readUnsignedByte();
        if (found != format) {
          throw new IllegalArgumentException("Unknown " + records + " record format " + found + " (expected "
              + format + ") in topic " + topic);
        }
        return reader.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** A list of strings: its size, then each. */
  public static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      out.writeUTF(value);
    }
  }

  public static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    var values = new ArrayList<String>(n);
    for (int i = 0; i < n; i++) {
      values.add(in.readUTF());
    }
    return values;
  }

  /** A string that may be null: a presence flag, then the string. */
  public static void nullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  public static String nullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
