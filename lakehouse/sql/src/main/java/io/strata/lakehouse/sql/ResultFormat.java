package io.strata.lakehouse.sql;

/** How {@code strata sql} prints a result. */
public enum ResultFormat {
  /** An aligned text table with a row count, for people. */
  TABLE,
  /** One JSON object per row (JSON Lines), for programs; nested values stay nested. */
  JSON,
  /** RFC 4180 CSV with a header row, for spreadsheets. */
  CSV
}
