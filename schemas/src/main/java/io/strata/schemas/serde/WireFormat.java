package io.strata.schemas.serde;

/**
 * Confluent's wire format: byte 0 is the magic byte 0, bytes 1 to 4 the schema id (big-endian), then the Avro
 * binary encoding of the datum.
 */
final class WireFormat {

  static final byte MAGIC_BYTE = 0;
  static final int HEADER_SIZE = 5;

  private WireFormat() {}

  static void writeHeader(OutputBuffer out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /**
   * The schema id of a wire-format record.
   *
   * @throws AvroSerdeException with reason {@code NOT_WIRE_FORMAT} when the bytes do not start with the header
   */
  static int schemaId(String topic, byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new AvroSerdeException(AvroSerdeException.Reason.NOT_WIRE_FORMAT, topic, null,
          "Cannot deserialize a record of topic '" + topic + "': it has " + data.length + " byte(s), fewer than the"
              + " 5-byte header of the Confluent Avro wire format (magic byte 0 and a 4-byte schema id). It was not"
              + " written by an Avro wire-format serializer; send it to a dead-letter topic or fix its producer.",
          null, false);
    }
    if (data[0] != MAGIC_BYTE) {
      throw new AvroSerdeException(AvroSerdeException.Reason.NOT_WIRE_FORMAT, topic, null,
          "Cannot deserialize a record of topic '" + topic + "': its first byte is " + hex(data[0])
              + ", not the magic byte 0x00 of the Confluent Avro wire format" + guess(data[0]) + ". It was not"
              + " written by an Avro wire-format serializer; consume it with its producer's format, send it to a"
              + " dead-letter topic, or fix its producer.",
          null, false);
    }
    return (data[1] & 0xff) << 24 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 8 | data[4] & 0xff;
  }

  private static String hex(byte b) {
    return String.format("0x%02x", b & 0xff);
  }

  private static String guess(byte first) {
    return switch (first) {
      case '{', '[' -> " (it looks like JSON text)";
      case '"' -> " (it looks like a JSON string)";
      default -> first >= 0x20 && first < 0x7f ? " (it looks like text)" : "";
    };
  }
}
