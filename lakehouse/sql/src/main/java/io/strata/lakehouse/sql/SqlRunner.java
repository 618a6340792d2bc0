package io.strata.lakehouse.sql;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Runs one SQL statement and prints its result. A statement without a result (DDL, {@code CALL}, {@code
 * INSERT}) prints {@code OK}. At most {@code maxRows} rows are printed; a note says when there were more.
 */
public final class SqlRunner {

  private final SparkSession spark;
  private final ResultFormat format;
  private final int maxRows;

  public SqlRunner(SparkSession spark, ResultFormat format, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("--max-rows must be at least 1, got " + maxRows);
    }
    this.spark = spark;
    this.format = format;
    this.maxRows = maxRows;
  }

  /** Runs {@code sql} (without a trailing {@code ;}) and prints the result to {@code out}. */
  public void run(String sql, PrintStream out) {
    Dataset<Row> result = spark.sql(sql);
    lines(result).forEach(out::println);
    out.flush();
  }

  /** The printed form of {@code result}. */
  public List<String> lines(Dataset<Row> result) {
    String[] columns = result.columns();
    if (columns.length == 0) {
      return format == ResultFormat.TABLE ? List.of("OK") : List.of();
    }
    if (format == ResultFormat.JSON) {
      return result.limit(maxRows).toJSON().collectAsList();
    }
    List<Row> rows = asText(result).limit(maxRows + 1).collectAsList();
    boolean more = rows.size() > maxRows;
    List<List<String>> cells = new ArrayList<>();
    for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
      List<String> values = new ArrayList<>(columns.length);
      for (int i = 0; i < columns.length; i++) {
        values.add(row.isNullAt(i) ? null : row.getString(i));
      }
      cells.add(values);
    }
    if (format == ResultFormat.CSV) {
      return TextTable.csv(List.of(columns), cells);
    }
    List<String> lines = new ArrayList<>(TextTable.render(List.of(columns), cells));
    lines.add(more ? "(first " + maxRows + " rows shown; give --max-rows to see more)"
        : "(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)"));
    return lines;
  }

  /** Every column as Spark's own text form (timestamps in the session time zone, maps as {k -> v}). */
  private static Dataset<Row> asText(Dataset<Row> result) {
    // Renamed by position first: the columns of a result may repeat ("id", "id") or contain dots.
    String[] positional = new String[result.columns().length];
    Column[] text = new Column[positional.length];
    for (int i = 0; i < positional.length; i++) {
      positional[i] = "c" + i;
      text[i] = functions.col(positional[i]).cast("string");
    }
    return result.toDF(positional).select(text);
  }
}
