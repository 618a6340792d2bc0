package io.strata.lakehouse.sql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/** Appends rows to a table with Iceberg's generic Parquet writer, one file per partition, in one commit. */
public final class TableWriter {

  private static final AtomicInteger TASK = new AtomicInteger();

  private TableWriter() {}

  public static void append(Table table, List<Record> rows) {
    Map<PartitionKey, List<Record>> byPartition = new LinkedHashMap<>();
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    for (Record row : rows) {
      PartitionKey key = new PartitionKey(table.spec(), table.schema());
      key.partition(wrapper.wrap(row));
      byPartition.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(row);
    }
    OutputFileFactory files = OutputFileFactory.builderFor(table, TASK.incrementAndGet(), 1)
        .format(FileFormat.PARQUET).build();
    GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    AppendFiles append = table.newAppend();
    byPartition.forEach((key, partitionRows) -> {
      DataWriter<Record> writer = writers.newDataWriter(files.newOutputFile(table.spec(), key), table.spec(), key);
      try (writer) {
        partitionRows.forEach(writer::write);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      append.appendFile(writer.toDataFile());
    });
    append.commit();
  }
}
