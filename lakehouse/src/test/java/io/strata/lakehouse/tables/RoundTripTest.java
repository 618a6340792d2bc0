package io.strata.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

  @TempDir Path dir;

  @Test
  void shouldReadBackAPriceRowWithItsDecimalsTimestampsAndKafkaColumns() throws Exception {
    try (JdbcCatalog catalog = Catalogs.jdbcSqlite(dir.resolve("catalog.db"), dir.resolve("warehouse"))) {
      Namespace ns = Namespace.of(TableNames.DEFAULT_NAMESPACE);
      LakehouseTables.ensure(catalog, ns);
      Table prices = catalog.loadTable(TableIdentifier.of(ns, "prices"));
      OffsetDateTime at = OffsetDateTime.of(2026, 11, 23, 10, 15, 0, 0, ZoneOffset.UTC);
      Record row = priceRow(prices, at);

      PartitionKey key = new PartitionKey(prices.spec(), prices.schema());
      key.partition(new InternalRecordWrapper(prices.schema().asStruct()).wrap(row));
      EncryptedOutputFile file = OutputFileFactory.builderFor(prices, 1, 1).format(FileFormat.PARQUET).build()
          .newOutputFile(prices.spec(), key);
      DataWriter<Record> writer = new GenericFileWriterFactory.Builder(prices).dataFileFormat(FileFormat.PARQUET)
          .build().newDataWriter(file, prices.spec(), key);
      try (writer) {
        writer.write(row);
      }
      DataFile dataFile = writer.toDataFile();
      prices.newAppend().appendFile(dataFile).commit();

      List<Record> read = new ArrayList<>();
      Table reloaded = catalog.loadTable(TableIdentifier.of(ns, "prices"));
      try (CloseableIterable<Record> rows = IcebergGenerics.read(reloaded).build()) {
        rows.forEach(read::add);
      }
      assertThat(read).hasSize(1);
      Record back = read.get(0);
      assertThat(back.getField("occurredAt")).isEqualTo(at);
      assertThat(back.getField("_kafka_offset")).isEqualTo(42L);
      Record tier = (Record) ((List<?>) ((Record) ((List<?>) back.getField("schedule")).get(0)).getField("tiers"))
          .get(0);
      assertThat(tier.getField("unitPrice")).isEqualTo(new BigDecimal("0.001250"));
      assertThat(dataFile.partition().get(0, Integer.class)).as("day partition")
          .isEqualTo((int) at.toLocalDate().toEpochDay());
    }
  }

  private static Record priceRow(Table table, OffsetDateTime at) {
    Types.StructType version = table.schema().findType("schedule").asListType().elementType().asStructType();
    Types.StructType tierType = version.field("tiers").type().asListType().elementType().asStructType();
    Record tier = GenericRecord.create(tierType);
    tier.setField("fromUnits", 0L);
    tier.setField("unitPrice", new BigDecimal("0.001250"));
    Record validFrom = GenericRecord.create(version);
    validFrom.setField("validFrom", at.minusDays(1));
    validFrom.setField("tiers", List.of(tier));
    Record row = GenericRecord.create(table.schema());
    row.setField("eventId", "e-1");
    row.setField("tenantId", "*");
    row.setField("occurredAt", at);
    row.setField("producer", "test");
    row.setField("api", "classify");
    row.setField("currency", "EUR");
    row.setField("schedule", List.of(validFrom));
    row.setField("_kafka_topic", "prices");
    row.setField("_kafka_partition", 0);
    row.setField("_kafka_offset", 42L);
    row.setField("_kafka_append_time", at.plusSeconds(1));
    return row;
  }
}
