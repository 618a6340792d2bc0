package io.strata.lakehouse.sql.reconcile;

import io.strata.lakehouse.tables.AvroToIceberg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads the Kafka partition and offset of every row of a table with Iceberg's Java reader, projecting only
 * those two columns (Parquet reads just them). The column names are the sink's, from {@link AvroToIceberg}.
 */
final class TableOffsetsReader {

  /** The table column holding the Kafka partition of a row. */
  static final String PARTITION_COLUMN = AvroToIceberg.KAFKA_PARTITION;
  /** The table column holding the Kafka offset of a row. */
  static final String OFFSET_COLUMN = AvroToIceberg.KAFKA_OFFSET;

  private TableOffsetsReader() {}

  /** Offsets of the rows by Kafka partition, each ascending with duplicates kept. */
  static Map<Integer, long[]> read(Table table) {
    Map<Integer, Offsets> byPartition = new TreeMap<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select(PARTITION_COLUMN, OFFSET_COLUMN).build()) {
      for (Record row : rows) {
        byPartition.computeIfAbsent((Integer) row.getField(PARTITION_COLUMN), p -> new Offsets())
            .add((Long) row.getField(OFFSET_COLUMN));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read table " + table.name(), e);
    }
    Map<Integer, long[]> sorted = new TreeMap<>();
    byPartition.forEach((partition, offsets) -> sorted.put(partition, offsets.sorted()));
    return sorted;
  }
}
