package io.strata.registry.datasets;

import io.strata.registry.controlplane.ApiError;

/**
 * Where the next page of a version's items starts: the next offset to read in the version's partition and how
 * many items were returned before. Clients treat its text ({@code <offset>.<position>}) as opaque.
 */
record ItemCursor(long offset, long position) {

  String text() {
    return offset + "." + position;
  }

  /** @throws ApiError 422 INVALID_CURSOR for text no page handed out */
  static ItemCursor parse(String text) {
    int dot = text.indexOf('.');
    try {
      var cursor = new ItemCursor(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
      if (cursor.offset < 0 || cursor.position < 0) {
        throw new NumberFormatException("negative");
      }
      return cursor;
    } catch (RuntimeException e) {
      throw ApiError.invalid("INVALID_CURSOR", "Invalid after='" + text + "': pass the 'next' value of the "
          + "previous page unchanged, or leave 'after' out for the first page");
    }
  }
}
