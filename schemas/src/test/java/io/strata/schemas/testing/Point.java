package io.strata.schemas.testing;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A generated-style specific record, written by hand so that serde tests do not depend on the evolving event
 * schemas. This is version 2 of {@code Point}: {@link #V1} lacks {@code color}, which has a default.
 */
public final class Point extends SpecificRecordBase {

  public static final Schema V1 = new Schema.Parser().parse("""
      {"type":"record","name":"Point","namespace":"io.strata.schemas.testing","fields":[
        {"name":"x","type":"int"},
        {"name":"label","type":{"type":"string","avro.java.string":"String"}}]}""");

  public static final Schema SCHEMA$ = new Schema.Parser().parse("""
      {"type":"record","name":"Point","namespace":"io.strata.schemas.testing","fields":[
        {"name":"x","type":"int"},
        {"name":"label","type":{"type":"string","avro.java.string":"String"}},
        {"name":"color","type":{"type":"string","avro.java.string":"String"},"default":"red"}]}""");

  private int x;
  private String label;
  private String color;

  /** For Avro's reader, which instantiates records reflectively. */
  public Point() {}

  public Point(int x, String label, String color) {
    this.x = x;
    this.label = label;
    this.color = color;
  }

  public static Schema getClassSchema() {
    return SCHEMA$;
  }

  public int x() {
    return x;
  }

  public String label() {
    return label;
  }

  public String color() {
    return color;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> x;
      case 1 -> label;
      case 2 -> color;
      default -> throw new IndexOutOfBoundsException("Point has no field " + field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> x = (Integer) value;
      case 1 -> label = value == null ? null : value.toString();
      case 2 -> color = value == null ? null : value.toString();
      default -> throw new IndexOutOfBoundsException("Point has no field " + field);
    }
  }
}
